import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Buffer } from 'node:buffer';
import { eventually, NodeTestBed, TEST_COUNTRY, TEST_NODE_ID, type TestNode } from '../support/node-test-app.js';
import { NodeTestHub } from '../support/node-test-hub.js';
import {
  CORRECT_IDENTITY,
  CREATE_PERSON,
  OUTBOX,
  PERSON_IDENTITY,
  PERSONS,
  personInput,
  PREVIEW_RETURN,
  registrationInput,
  RETURNS,
  REVOCATIONS,
  REVOKE_CONSENT,
  SUBMIT_RETURN,
} from '../support/node-operations.js';

/** Distinctive identity values: any of them found outside the vault is a leak. */
function canaryIdentity(tag: string) {
  return {
    externalRef: `CANARYREF${tag}`,
    identity: {
      givenNames: `Qzwxgiven${tag}`,
      familyNames: `Vbnmfamily${tag}`,
      birthDate: '1957-11-23',
      documentNumbers: [`PX${tag}CANARY881`, `ID${tag}CANARY447`],
      phone: `+4369912${tag}7788`,
      email: `canary.${tag}@leak.example`,
      address: `Kanarienweg ${tag}, 1010 Wien`,
      notes: `trafficked via Hgfdnotes${tag} route`,
    },
  };
}

const tags = ['A1', 'B2', 'C3'];
const canaries = [
  ...tags.flatMap((tag) => {
    const { externalRef, identity } = canaryIdentity(tag);
    return [
      externalRef,
      identity.givenNames,
      identity.familyNames,
      ...identity.documentNumbers,
      identity.phone,
      identity.email,
      identity.address,
      `Hgfdnotes${tag}`,
    ];
  }),
  '1957-11-23',
  'Xcorrected',
];

/** Every string a JWS carries, decoded: header and payload (a base64url payload would hide a canary from a plain search). */
function decodedJwsParts(text: string): string[] {
  const tokens = text.match(/[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g) ?? [];
  return tokens.flatMap((token) =>
    token
      .split('.')
      .slice(0, 2)
      .map((segment) => Buffer.from(segment, 'base64url').toString('utf8')),
  );
}

function leaksIn(texts: readonly string[]): string[] {
  const everything = texts.flatMap((text) => [text, ...decodedJwsParts(text)]);
  return canaries.filter((canary) => everything.some((text) => text.includes(canary)));
}

describe('national node: identities never leave the vault', () => {
  let bed: NodeTestBed;
  let hub: NodeTestHub;
  let node: TestNode;
  const errorBodies: string[] = [];

  beforeAll(async () => {
    bed = await NodeTestBed.create('privacy');
    hub = await NodeTestHub.start({ dir: bed.workDir, nodeId: TEST_NODE_ID, country: TEST_COUNTRY });
    node = await bed.start(bed.config({ url: hub.url, jwksFile: hub.jwksFile }, { LOG_LEVEL: 'verbose' }));
    hub.registerNode(node.keyring.publicJwk);
  });
  afterAll(async () => {
    await node?.close();
    await hub?.stop();
    await bed?.dispose();
  });

  it('sends the hub and writes to the logs nothing of the planted identities through intake, submission and revocation', async () => {
    const created: Array<{ id: string }> = [];
    for (const tag of tags) {
      const { createPerson } = await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({ ...canaryIdentity(tag), registrations: [registrationInput({ registrationDate: '2026-02-01' })] }),
      });
      created.push(createPerson);
    }
    // Failing operations carrying identities: their errors and log lines must not repeat them either.
    for (const input of [
      personInput({ ...canaryIdentity('A1'), registrations: [registrationInput({ sex: 'Qzwxgiven' })] }),
      personInput({ ...canaryIdentity('A1') }),
    ]) {
      const answer = await node.graphql(bed.tokens.rapporteur, CREATE_PERSON, { input });
      expect(answer.errors).toBeDefined();
      errorBodies.push(JSON.stringify(answer));
    }
    const tooLong = await node.graphql(bed.tokens.rapporteur, CORRECT_IDENTITY, {
      personId: created[0].id,
      identity: { ...canaryIdentity('A1').identity, notes: `Hgfdnotes${'A1'.repeat(20_000)}` },
    });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('TOO_LONG');
    errorBodies.push(JSON.stringify(tooLong));
    await node.data(bed.tokens.rapporteur, CORRECT_IDENTITY, {
      personId: created[1].id,
      identity: { givenNames: 'Xcorrected', birthDate: '1957-11-23' },
    });

    // The identity is readable at the node, by a rapporteur: the canaries are really there to be leaked.
    const { personIdentity } = await node.data(bed.tokens.rapporteur, PERSON_IDENTITY, { personId: created[2].id });
    expect(personIdentity.familyNames).toBe('VbnmfamilyC3');

    const preview = await node.data(bed.tokens.rapporteur, PREVIEW_RETURN, { period: '2026-Q1' });
    expect(preview.previewReturn.recordCount).toBe(3);
    const { submitReturn } = await node.data(bed.tokens.rapporteur, SUBMIT_RETURN, { period: '2026-Q1' });
    const { revokeConsent } = await node.data(bed.tokens.steward, REVOKE_CONSENT, { personId: created[0].id });
    await eventually(
      'both deliveries',
      async () => (await node.data(bed.tokens.steward, OUTBOX)).outbox.map((message: { state: string }) => message.state),
      (states: string[]) => states.length === 2 && states.every((state) => state === 'RECEIPTED'),
    );
    const listings = [
      await node.data(bed.tokens.rapporteur, RETURNS),
      await node.data(bed.tokens.steward, REVOCATIONS),
      await node.data(bed.tokens.steward, OUTBOX),
      await node.data(bed.tokens.rapporteur, PERSONS, { first: 10 }),
    ].map((listing) => JSON.stringify(listing));

    expect(hub.accepted.map((entry) => entry.messageId).sort()).toEqual([submitReturn.returnId, revokeConsent.id].sort());
    expect(hub.bodies.length).toBeGreaterThanOrEqual(2);
    expect(decodedJwsParts(hub.bodies.join('\n')).join('\n')).toContain('"records"');
    expect(bed.logLines.length).toBeGreaterThan(10);

    expect(leaksIn(hub.bodies)).toEqual([]);
    expect(leaksIn(bed.logLines)).toEqual([]);
    expect(leaksIn(errorBodies)).toEqual([]);
    // The externalRef is the rapporteur's own reference, shown at the node only; the other listings carry no identity.
    expect(leaksIn(listings).filter((canary) => !canary.startsWith('CANARYREF'))).toEqual([]);
  });

  it('has no identity in clear in any column of the node database', async () => {
    const columns: Array<{ table_name: string; column_name: string; data_type: string }> = await node.dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    const identityCanaries = canaries.filter((canary) => !canary.startsWith('CANARYREF'));
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      const haystack = type === 'bytea' ? `"${column}"` : `convert_to("${column}"::text, 'UTF8')`;
      const rows: Array<{ canary: string }> = await node.dataSource.query(
        `SELECT c.canary FROM unnest($1::text[]) AS c(canary)
          WHERE EXISTS (SELECT 1 FROM "${table}" WHERE position(convert_to(c.canary, 'UTF8') IN ${haystack}) > 0)`,
        [identityCanaries],
      );
      expect({ table, column, found: rows.map((row) => row.canary) }).toEqual({ table, column, found: [] });
    }
  });
});
