import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  SUBMIT_REVOCATION,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

/** Identity-like values a careless or malicious node might try to send; none may ever be stored or logged. */
const CANARIES = ['Zelda Quartermaine-Canary', 'P-CANARY-7781234', '+43 660 CANARY 991', 'canary.victim@example.invalid'];
/** A pseudonym is 43 characters; no stored value from a node is longer, except the hub's own signed receipts. */
const PSEUDONYM_LENGTH = 43;
/** Columns written by the hub itself or its administrator, allowed to hold longer text. */
const LONG_TEXT_COLUMNS = new Set([
  'hub_submission.receipt',
  'hub_revocation.receipt',
  'hub_node_key.public_jwk',
  'hub_population_table.title',
  'hub_population_table.source',
  'hub_population_table.source_url',
  'hub_population_table.note',
  'hub_population_table.fixed_dimensions',
  'hub_country_metadata.footnote',
  'hub_release.note',
  // The aggregate a period was published from: codes, counts and cell keys written by the hub, never a pseudonym.
  'hub_published_aggregate.cells',
  'migrations.name',
]);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('the hub stores and logs no identity', () => {
  let hub: HubUnderTest;
  let node: SimulatedNode;
  const sentPseudonyms: string[] = [];

  beforeAll(async () => {
    hub = await startHub('hub-privacy', { DISCLOSURE_METHOD: 'CELL_KEY' });
    node = await SimulatedNode.create('node-at', ['AT']);
    expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('accepts a return whose notes carry canaries but does not keep the notes', async () => {
    const persons = syntheticPersons(node, 'AT', 0, 30);
    sentPseudonyms.push(...persons.map((person) => person.pseudonym));
    const records = syntheticRecords(node, 'AT', '2025-Q4', persons, 5);
    const submitted = node.buildReturn('AT', '2025-Q4', records, { notes: `Case of ${CANARIES.join(', ')}` });
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, { jws: await node.signReturn(submitted) });
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
  });

  it('refuses identity fields and identities in coded fields, without echoing them', async () => {
    const persons = syntheticPersons(node, 'AT', 100, 3);
    const records = syntheticRecords(node, 'AT', '2026-Q1', persons, 6);
    const valid = node.buildReturn('AT', '2026-Q1', records);
    const attempts = [
      { ...valid, records: records.map((record, index) => (index === 0 ? { ...record, givenName: CANARIES[0] } : record)) },
      { ...valid, records: records.map((record, index) => (index === 1 ? { ...record, citizenship: CANARIES[1] } : record)) },
      { ...valid, records: records.map((record, index) => (index === 2 ? { ...record, pseudonym: CANARIES[3] } : record)) },
      { ...valid, contact: CANARIES[2] },
    ];
    for (const attempt of attempts) {
      const answer = await hub.graphql(SUBMIT_RETURN, { jws: await node.signReturn(attempt) });
      expect(errorCode(answer)).toBe('INVALID_RETURN');
      for (const canary of CANARIES) expect(JSON.stringify(answer)).not.toContain(canary);
    }
  });

  it('after intake, revocation, metadata and releases, no column of any hub table holds a canary or an unexpected long value', async () => {
    const revoked = sentPseudonyms.slice(0, 2);
    const revocation = await hub.graphql<{ submitRevocation: { erased: number } }>(SUBMIT_REVOCATION, {
      jws: await node.signRevocation(node.revocation('AT', revoked)),
    });
    expect(revocation.data?.submitRevocation.erased).toBe(2);
    const metadata = await hub.graphql(
      `mutation { setCountryMetadata(input: { country: "AT", validFrom: "2025", legalDefinition: "PALERMO",
        identificationThreshold: "AUTHORITY", presumedVictimsIncluded: true, breakdownsNotCollected: [],
        footnote: "Victims identified by the police and the national referral mechanism." }) { country } }`,
      {},
      hub.adminToken,
    );
    expect(metadata.errors).toBeUndefined();
    expect((await hub.graphql('mutation { publishRelease(note: "Q4 2025") { number } }', {}, hub.adminToken)).errors).toBeUndefined();

    const columns: { table_name: string; column_name: string; data_type: string }[] = await hub.dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
        ORDER BY table_name, column_name`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const rows: { value: string | null }[] = await hub.dataSource.query(`SELECT "${column}"::text AS value FROM "${table}"`);
      for (const { value } of rows) {
        if (value === null) continue;
        for (const canary of CANARIES) if (value.includes(canary)) problems.push(`${table}.${column} holds a canary`);
        const name = `${table}.${column}`;
        if (value.length > PSEUDONYM_LENGTH && !LONG_TEXT_COLUMNS.has(name) && !isCodeArray(value)) {
          problems.push(`${name} holds a long value (${value.length} characters)`);
        }
        if (name.endsWith('.receipt') && !COMPACT_JWS.test(value)) problems.push(`${name} is not a JWS`);
      }
    }
    expect(problems).toEqual([]);
    // Revoked persons are gone from every table, not merely from the records.
    for (const { table_name: table, column_name: column } of columns) {
      const [{ hits }]: { hits: string }[] = await hub.dataSource.query(
        `SELECT count(*) AS hits FROM "${table}" WHERE "${column}"::text LIKE ANY($1)`,
        [revoked.map((pseudonym) => `%${pseudonym}%`)],
      );
      expect({ column: `${table}.${column}`, hits: Number(hits) }).toEqual({ column: `${table}.${column}`, hits: 0 });
    }
  });

  it('writes no canary and no pseudonym to its logs', () => {
    expect(hub.logs.length).toBeGreaterThan(0);
    const logs = hub.logs.join('\n');
    for (const canary of CANARIES) expect(logs).not.toContain(canary);
    for (const pseudonym of sentPseudonyms) expect(logs).not.toContain(pseudonym);
  });
});

/** A PostgreSQL array of codes such as `{TOTAL,F,Y18-24}`: long only because several codes are listed. */
function isCodeArray(value: string): boolean {
  return (
    /^\{[A-Z0-9_:,.-]*\}$/.test(value) &&
    value
      .slice(1, -1)
      .split(',')
      .every((code) => code.length <= 24)
  );
}
