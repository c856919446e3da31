/**
 * The federation on one machine, as separate processes over real HTTP on loopback: a hub and two national nodes.
 * Proves that planted canary identities never leave their node (request bodies, hub database, any log line), that a
 * revocation travels node -> hub -> node as a signed receipt and the next release no longer counts the person, that a
 * return submitted while the hub is down arrives once after it restarts, that a period without registrations goes only
 * as a confirmed true zero (flagged `-`), and that published counts equal the nodes'
 * inputs exactly (the hub runs without perturbation here, NODE_ENV=test).
 * Needs the compiled apps (`npm test` builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevIssuer, Role } from '#app/auth';
import { nodePublicKey } from '#app/crypto';
import { createScratchDatabase, openDatabase, type ScratchDatabase } from '#app/database';
import { graphql } from '../../scripts/federation/graphql-client.js';
import { Supervisor } from '../../scripts/federation/supervisor.js';
import {
  CREATE_PERSON,
  OUTBOX,
  REVOCATIONS,
  REVOKE_CONSENT,
  SUBMIT_RETURN,
  personInput,
  registrationInput,
} from '../support/node-operations.js';
import { CapturingProxy, readableForms } from './capturing-proxy.js';

const canaries = ['Zqxcanary', 'Vormundtrap', 'CANARYDOC4242', '+43 9999 424242', 'canary.4242@example.invalid', 'canary-notes-qz'];

function canaryIdentity(index: number) {
  return {
    givenNames: `Zqxcanary ${index}`,
    familyNames: 'Vormundtrap',
    birthDate: '1990-04-17',
    documentNumbers: [`CANARYDOC4242-${index}`],
    phone: '+43 9999 424242',
    email: 'canary.4242@example.invalid',
    notes: 'canary-notes-qz',
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const hubOnPostgres = Boolean(process.env.DATABASE_URL);

describe('federation of a hub and two national nodes over HTTP', () => {
  let root: string;
  let hubDatabase: ScratchDatabase;
  let issuer: DevIssuer;
  let admin: string;
  const logLines: string[] = [];
  const supervisor = new Supervisor({ onLine: (_service, line) => logLines.push(line), stopAllWhenOneExits: false });
  let hubPort: number;
  let hubUrl: string;
  let proxy: CapturingProxy;
  let proxyUrl: string;
  const nodes = [
    { nodeId: 'node-at', country: 'AT', url: '', token: '', steward: '' },
    { nodeId: 'node-ch', country: 'CH', url: '', token: '', steward: '' },
  ];
  const personIds: Record<string, string[]> = { AT: [], CH: [] };

  const startHub = () =>
    supervisor.start({
      name: 'hub',
      entry: 'apps/hub/src/main.js',
      port: hubPort,
      env: {
        NODE_ENV: 'test',
        DISCLOSURE_METHOD: 'NONE',
        DATA_DIR: join(root, 'hub'),
        DATABASE_URL: hubDatabase.url ?? '',
        DEV_ISSUER_DIR: join(root, 'issuer'),
        LOG_LEVEL: 'verbose',
      },
    });

  const waitUntilReceipted = async (node: (typeof nodes)[number], timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { outbox } = await graphql<{ outbox: { state: string }[] }>(
        node.url,
        OUTBOX,
        { states: ['PENDING', 'SENDING', 'DELIVERED'] },
        node.token,
      );
      if (outbox.length === 0) return;
      if (Date.now() > deadline) throw new Error(`${node.nodeId}: ${outbox.length} messages still waiting`);
      await new Promise((done) => setTimeout(done, 250));
    }
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'thb-federation-'));
    hubDatabase = hubOnPostgres
      ? await createScratchDatabase('federation-hub')
      : { url: undefined, dataDir: join(root, 'hub'), dispose: async () => undefined };
    issuer = await DevIssuer.loadOrCreate(join(root, 'issuer'));
    admin = await issuer.issue({ roles: [Role.HUB_ADMIN], ttl: '1h' });
    hubPort = await freePort();
    hubUrl = await startHub();
    proxy = new CapturingProxy(() => hubUrl);
    proxyUrl = await proxy.listen();
    const hubJwksFile = join(root, 'hub-jwks.json');
    await writeFile(hubJwksFile, await (await fetch(`${hubUrl}/.well-known/jwks.json`)).text());

    for (const node of nodes) {
      const keyDir = join(root, node.nodeId, 'keys');
      const { publicJwk } = await nodePublicKey({ keyDir });
      await graphql(
        hubUrl,
        'mutation($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }',
        {
          input: { nodeId: node.nodeId, countries: [node.country], publicJwk: JSON.stringify(publicJwk) },
        },
        admin,
      );
      node.url = await supervisor.start({
        name: node.nodeId,
        entry: 'apps/node/src/main.js',
        port: await freePort(),
        env: {
          DATA_DIR: join(root, node.nodeId),
          DATABASE_URL: '',
          NODE_ID: node.nodeId,
          NODE_COUNTRY: node.country,
          HUB_URL: proxyUrl,
          HUB_JWKS_FILE: hubJwksFile,
          DEV_ISSUER_DIR: join(root, 'issuer'),
          OUTBOX_POLL_INTERVAL_MS: '200',
          OUTBOX_BASE_DELAY_MS: '200',
          OUTBOX_MAX_DELAY_MS: '1000',
          LOG_LEVEL: 'verbose',
        },
      });
      node.token = await issuer.issue({ roles: [Role.RAPPORTEUR], countries: [node.country], ttl: '1h' });
      node.steward = await issuer.issue({ roles: [Role.STEWARD], countries: [node.country], ttl: '1h' });
    }
  }, 180_000);

  afterAll(async () => {
    await supervisor.stopAll();
    await proxy?.close();
    await hubDatabase?.dispose();
    await rm(root, { recursive: true, force: true });
  }, 60_000);

  // Expected registered victims per node in 2026-Q1: persons with international consent.
  const plannedPersons = { AT: 9, CH: 7 } as const;

  it('carries the first quarter from both nodes to a release that counts exactly what the nodes hold', async () => {
    for (const node of nodes) {
      const country = node.country as 'AT' | 'CH';
      for (let index = 0; index < plannedPersons[country]; index += 1) {
        const { createPerson } = await graphql<{ createPerson: { id: string } }>(
          node.url,
          CREATE_PERSON,
          {
            input: personInput({
              identity: canaryIdentity(index),
              registrations: [
                registrationInput({
                  registrationDate: `2026-0${1 + (index % 3)}-1${index % 9}`,
                  sex: index % 3 === 0 ? 'M' : 'F',
                  citizenship: 'UA',
                }),
              ],
            }),
          },
          node.token,
        );
        personIds[country].push(createPerson.id);
      }
      // One person without international consent: kept at the node, withheld from the hub.
      await graphql(
        node.url,
        CREATE_PERSON,
        {
          input: personInput({ identity: canaryIdentity(99), consent: { statistics: true, international: false, givenOn: '2026-02-10' } }),
        },
        node.token,
      );
      await graphql(node.url, SUBMIT_RETURN, { period: '2026-Q1' }, node.token);
    }
    for (const node of nodes) await waitUntilReceipted(node);
    const { publishRelease } = await graphql<{ publishRelease: { number: number } }>(
      hubUrl,
      'mutation { publishRelease(note: "first") { number } }',
      {},
      admin,
    );
    expect(publishRelease.number).toBe(1);
  }, 120_000);

  it('carries a revocation to the hub and back as a signed receipt', async () => {
    const at = nodes[0]!;
    await graphql(at.url, REVOKE_CONSENT, { personId: personIds.AT[0] }, at.steward);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { revocations } = await graphql<{ revocations: { state: string; erased: number | null; figuresPromise: string | null }[] }>(
        at.url,
        REVOCATIONS,
        {},
        at.steward,
      );
      if (revocations[0]?.state === 'RECEIPTED') {
        expect(revocations[0].erased).toBe(1);
        // The steward sees what the hub signed (this hub publishes unprotected counts, so changes apply at once).
        expect(revocations[0].figuresPromise).toMatch(/^Erased from the hub when this receipt was issued/);
        expect(revocations[0].figuresPromise).toContain('Every release from the next one on leaves the person out.');
        break;
      }
      if (Date.now() > deadline) throw new Error(`revocation still ${revocations[0]?.state}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }, 90_000);

  it('delivers a return submitted while the hub is down once the hub is back, exactly once', async () => {
    const ch = nodes[1]!;
    await supervisor.stop('hub', 'SIGKILL');
    const { createPerson } = await graphql<{ createPerson: { id: string } }>(
      ch.url,
      CREATE_PERSON,
      {
        input: personInput({ identity: canaryIdentity(50), registrations: [registrationInput({ registrationDate: '2026-05-05' })] }),
      },
      ch.token,
    );
    personIds.CH.push(createPerson.id);
    await graphql(ch.url, SUBMIT_RETURN, { period: '2026-Q2' }, ch.token);
    await new Promise((done) => setTimeout(done, 1500));
    const { outbox } = await graphql<{ outbox: { state: string; attempts: number }[] }>(
      ch.url,
      OUTBOX,
      { states: ['PENDING', 'SENDING'] },
      ch.token,
    );
    expect(outbox.length).toBe(1);
    expect(outbox[0]!.attempts).toBeGreaterThan(0);
    hubUrl = await startHub();
    await waitUntilReceipted(ch);
    const { publishRelease } = await graphql<{ publishRelease: { number: number } }>(
      hubUrl,
      'mutation { publishRelease(note: "second") { number } }',
      {},
      admin,
    );
    expect(publishRelease.number).toBe(2);
  }, 120_000);

  it('publishes a period without registrations only as a true zero the rapporteur confirmed, flagged `-`', async () => {
    const at = nodes[0]!;
    // A period this node never had a registration in: a typo until the rapporteur says otherwise.
    await expect(graphql(at.url, SUBMIT_RETURN, { period: '2025-Q4' }, at.token)).rejects.toMatchObject({ code: 'ZERO_NOT_CONFIRMED' });
    const { submitReturn } = await graphql<{ submitReturn: { recordCount: number; confirmedZero: boolean } }>(
      at.url,
      SUBMIT_RETURN,
      { period: '2025-Q4', confirmZero: true },
      at.token,
    );
    expect(submitReturn).toMatchObject({ recordCount: 0, confirmedZero: true });
    await waitUntilReceipted(at);
    const { submissionStatus } = await graphql<{ submissionStatus: { countries: { country: string; confirmedZero: boolean | null }[] } }>(
      hubUrl,
      'query { submissionStatus(period: "2025-Q4") { countries { country confirmedZero } } }',
      {},
      admin,
    );
    expect(submissionStatus.countries).toEqual([
      { country: 'AT', confirmedZero: true },
      { country: 'CH', confirmedZero: null },
    ]);
    const { publishRelease } = await graphql<{ publishRelease: { number: number } }>(
      hubUrl,
      'mutation { publishRelease(note: "a true zero") { number } }',
      {},
      admin,
    );
    expect(publishRelease.number).toBe(3);
    const { figures } = await graphql<{
      figures: {
        cells: { dimensions: { code: string }[]; value: number | null; flags: string }[];
        flagLabels: { flag: string; label: string }[];
      };
    }>(
      hubUrl,
      `query { figures(dataset: "victims_sex_age", filter: { geo: ["AT", "CH"], time: ["2025-Q4"], leg_stat: ["TOTAL"], sex: ["TOTAL"], age: ["TOTAL"] }) {
         cells { dimensions { code } value flags } flagLabels { flag label } } }`,
      {},
      await issuer.issue({ roles: [Role.RESEARCHER], ttl: '1h' }),
    );
    expect(figures.cells.map((cell) => [cell.dimensions[0]!.code, cell.value, cell.flags])).toEqual([
      ['AT', 0, '-'],
      ['CH', null, ':'],
    ]);
    expect(figures.flagLabels).toContainEqual({ flag: '-', label: 'true zero, confirmed by the reporting country' });
  }, 120_000);

  it('never lets a canary identity reach the hub: bodies, hub database, logs; and published counts are exact', async () => {
    await supervisor.stopAll();
    // Positive controls: the scans below do find a planted string where one is.
    const plantedJws = `e30.${Buffer.from('{"note":"Zqxcanary"}').toString('base64url')}.c2ln`;
    expect(readableForms(plantedJws).some((text) => text.includes('Zqxcanary'))).toBe(true);
    expect(proxy.bodies.some((body) => readableForms(body).some((text) => text.includes('"country":"CH"')))).toBe(true);
    expect(proxy.bodies.length).toBeGreaterThan(0);
    for (const body of proxy.bodies) {
      for (const text of readableForms(body)) for (const canary of canaries) expect(text).not.toContain(canary);
    }
    expect(logLines.length).toBeGreaterThan(100);
    for (const line of logLines) for (const canary of canaries) expect(line).not.toContain(canary);

    const database = await openDatabase({
      url: hubDatabase.url,
      dataDir: join(root, 'hub', 'database'),
      entities: [],
      migrations: [],
      runMigrations: false,
    });
    try {
      const columns: { table_name: string; column_name: string; data_type: string }[] = await database.dataSource.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`,
      );
      expect(columns.length).toBeGreaterThan(10);
      const [{ known }] = await database.dataSource.query(
        `SELECT count(*)::int AS known FROM hub_node WHERE position('node-at' in node_id::text) > 0`,
      );
      expect(known).toBe(1);
      for (const { table_name: table, column_name: column, data_type: type } of columns) {
        for (const canary of canaries) {
          const condition =
            type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${column}") > 0` : `position($1 in "${column}"::text) > 0`;
          const [{ hits }] = await database.dataSource.query(`SELECT count(*)::int AS hits FROM "${table}" WHERE ${condition}`, [canary]);
          expect({ table, column, canary, hits }).toEqual({ table, column, canary, hits: 0 });
        }
      }
      const grandTotal = async (release: number, geo: string, time: string) => {
        const rows: { value: number | null }[] = await database.dataSource.query(
          `SELECT value FROM hub_release_cell WHERE release_number = $1 AND dataset = 'victims_sex_age' AND geo = $2 AND time = $3
             AND codes = ARRAY['TOTAL','TOTAL','TOTAL']::text[]`,
          [release, geo, time],
        );
        return rows[0]?.value;
      };
      expect(await grandTotal(1, 'AT', '2026-Q1')).toBe(plannedPersons.AT);
      expect(await grandTotal(1, 'CH', '2026-Q1')).toBe(plannedPersons.CH);
      // The revoked person is gone from the next release; the published first release stays as it was.
      expect(await grandTotal(2, 'AT', '2026-Q1')).toBe(plannedPersons.AT - 1);
      expect(await grandTotal(2, 'CH', '2026-Q2')).toBe(1);
      const submissions: { count: number }[] = await database.dataSource.query(
        `SELECT count(*)::int AS count FROM hub_submission WHERE country = 'CH' AND period = '2026-Q2'`,
      );
      expect(submissions[0]!.count).toBe(1);
    } finally {
      await database.close();
    }
  }, 120_000);
});
