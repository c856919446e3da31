import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DevIssuer, Role } from '#app/auth';
import { nodePublicKey } from '#app/crypto';
import { createScratchDatabase, type ScratchDatabase } from '#app/database';
import { graphql } from '../../scripts/federation/graphql-client.js';
import { returnRequest } from './corpus/corpus-case.js';
import { AppProcess, freePort, waitFor } from './support/app-process.js';
import { hubSpec, importSyntheticCases, nodeSpec, holdWrites, withAppDatabase } from './support/federation-kit.js';
import { hubConsistency, type AcknowledgedReturn } from './support/hub-consistency.js';
import { ReliabilityRecorder } from './support/reliability-summary.js';
import { reliabilitySettings } from './support/reliability-settings.js';
import { outcomeOf, post } from './support/response-hygiene.js';
import { RETURN_TYPE, SigningNode } from './support/signing-node.js';

const settings = reliabilitySettings();
const PERIODS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'] as const;
/** Large enough that an ingest or a release takes long enough to be killed in the middle. */
const BIG_RETURN_RECORDS = settings.long ? 60_000 : 12_000;
const NODE_CASES = settings.long ? 2_000 : 240;
const OUTBOX_MAX_DELAY_MS = settings.long ? 5_000 : 1_000;
const HUB_AWAY_MS = settings.long ? 45_000 : 6_000;
const execFileAsync = promisify(execFile);
/** The test watches the outbox closely to kill at the right moment; rate limiting is the bad-input suite's subject. */
const POLLING_RATE_LIMIT = '100000';

interface NodeReturn {
  returnId: string;
  period: string;
  revision: number;
  recordCount: number;
  state: string;
  hubStatus: string | null;
}

interface NodeRevocation {
  id: string;
  pseudonym: string;
  state: string;
  receiptedAt: string | null;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('reliability: faults (processes killed, the hub away, PostgreSQL stopped)', () => {
  const recorder = new ReliabilityRecorder('faults');
  let workDir: string;
  let issuerDir: string;
  let hubDatabase: ScratchDatabase;
  let nodeDatabase: ScratchDatabase;
  let hubPort: number;
  let nodePort: number;
  let hubJwksFile: string;
  let hub: AppProcess | undefined;
  let node: AppProcess | undefined;
  let germany: SigningNode;
  const tokens = { admin: '', rapporteur: '', steward: '' };
  /** Returns of the test's own node (DE) the hub acknowledged, at least once. */
  const acknowledged: AcknowledgedReturn[] = [];

  const startHub = async () => {
    hub = await AppProcess.start(hubSpec(hubDatabase, issuerDir, hubPort, { AUTH_RATE_LIMIT_PER_MINUTE: POLLING_RATE_LIMIT }));
  };
  /** `retries: 'default'` keeps the node's own retry settings, as an operator runs it. */
  const startNode = async (retries: 'fast' | 'default' = 'fast') => {
    const fast = {
      OUTBOX_BASE_DELAY_MS: '200',
      OUTBOX_MAX_DELAY_MS: String(OUTBOX_MAX_DELAY_MS),
      OUTBOX_POLL_INTERVAL_MS: '100',
      // A killed delivery's lease runs out after this plus five seconds.
      OUTBOX_REQUEST_TIMEOUT_MS: '5000',
    };
    node = await AppProcess.start(
      nodeSpec(nodeDatabase, issuerDir, nodePort, {
        nodeId: 'node-at',
        country: 'AT',
        hubUrl: `http://127.0.0.1:${hubPort}`,
        hubJwksFile,
        env: { ...(retries === 'fast' ? fast : {}), AUTH_RATE_LIMIT_PER_MINUTE: POLLING_RATE_LIMIT },
      }),
    );
  };
  const hubUrl = () => `http://127.0.0.1:${hubPort}`;
  const nodeUrl = () => `http://127.0.0.1:${nodePort}`;
  const atHub = <T>(query: string, variables: Record<string, unknown> = {}) => graphql<T>(hubUrl(), query, variables, tokens.admin);
  const atNode = <T>(query: string, variables: Record<string, unknown> = {}, token = tokens.rapporteur) =>
    graphql<T>(nodeUrl(), query, variables, token);
  /** Posts a signed return the way a node does; the outcome code, or INTERRUPTED when the connection died. */
  const submit = async (jws: string): Promise<string> => {
    const request = returnRequest(jws);
    try {
      return outcomeOf(await post(`${hubUrl()}/graphql`, request.body, { 'content-type': 'application/json' }, 120_000), 'submitReturn');
    } catch {
      return 'INTERRUPTED';
    }
  };
  const outboxNotReceipted = async () =>
    (
      await atNode<{ outbox: Array<{ id: string; kind: string; state: string; attempts: number; lastErrorCode: string | null }> }>(
        '{ outbox(first: 500, states: [PENDING, SENDING, DELIVERED, REJECTED]) { id kind state attempts lastErrorCode } }',
      )
    ).outbox;
  const submitAllPeriods = async (): Promise<NodeReturn[]> => {
    const submitted: NodeReturn[] = [];
    for (const period of PERIODS) {
      const answer = await atNode<{ submitReturn: NodeReturn }>(
        'mutation($period: Period!) { submitReturn(period: $period) { returnId period revision recordCount state hubStatus } }',
        { period },
      );
      submitted.push(answer.submitReturn);
    }
    return submitted;
  };
  const revokeSome = async (count: number, offset: number): Promise<void> => {
    const { persons } = await atNode<{ persons: { items: Array<{ id: string; revoked: boolean }> } }>(
      'query($offset: Int!, $first: Int!) { persons(first: $first, offset: $offset) { items { id revoked } } }',
      { offset, first: count },
      tokens.steward,
    );
    for (const person of persons.items.filter((item) => !item.revoked)) {
      await atNode('mutation($id: UUID!) { revokeConsent(personId: $id) { id state } }', { id: person.id }, tokens.steward);
    }
  };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'thb-reliability-faults-'));
    issuerDir = join(workDir, 'dev-issuer');
    const issuer = await DevIssuer.loadOrCreate(issuerDir);
    tokens.admin = await issuer.issue({ roles: [Role.HUB_ADMIN], ttl: '2h' });
    tokens.rapporteur = await issuer.issue({ roles: [Role.RAPPORTEUR], countries: ['AT'], ttl: '2h' });
    tokens.steward = await issuer.issue({ roles: [Role.STEWARD], countries: ['AT'], ttl: '2h' });
    hubDatabase = await createScratchDatabase('rel-faults-hub');
    nodeDatabase = await createScratchDatabase('rel-faults-node');
    [hubPort, nodePort] = [await freePort(), await freePort()];
    hubJwksFile = join(workDir, 'hub-jwks.json');

    const imported = await importSyntheticCases(nodeDatabase, issuerDir, {
      nodeId: 'node-at',
      country: 'AT',
      count: NODE_CASES,
      seed: 11,
      firstPeriod: PERIODS[0],
      lastPeriod: PERIODS[PERIODS.length - 1],
    });
    expect(imported).toBeGreaterThan(NODE_CASES * 0.9);
    await startHub();
    await writeFile(hubJwksFile, await (await fetch(`${hubUrl()}/.well-known/jwks.json`)).text());
    const { publicJwk } = await nodePublicKey({ keyDir: join(nodeDatabase.dataDir, 'keys') });
    germany = await SigningNode.create('node-de', ['DE']);
    const register = 'mutation($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }';
    await atHub(register, { input: { nodeId: 'node-at', countries: ['AT'], publicJwk: JSON.stringify(publicJwk) } });
    await atHub(register, { input: germany.registration() });
    await startNode();
  }, 300_000);

  afterAll(async () => {
    await node?.kill();
    await hub?.kill();
    await recorder.write();
    await hubDatabase?.dispose();
    await nodeDatabase?.dispose();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }, 120_000);

  it('the hub killed (SIGKILL) during an ingest: the return is stored whole or not at all, and a retry completes it once', async () => {
    const baseline = germany.buildReturn(PERIODS[0], { count: BIG_RETURN_RECORDS });
    const started = performance.now();
    const first = await submit(germany.sign(baseline, RETURN_TYPE));
    const ingestMs = performance.now() - started;
    expect(first).toBe('ACCEPTED');
    acknowledged.push({ ...baseline, recordCount: baseline.records.length, unrevoked: true });
    recorder.measure('ingestMsOfBigReturn', { records: BIG_RETURN_RECORDS, ms: Math.round(ingestMs) });

    // Timed kills, and on PostgreSQL one more at the moment the records are being inserted (seen from outside).
    const moments: Array<number | 'INSERTING'> = [
      ...(settings.long ? [0.1, 0.3, 0.5, 0.7, 0.9] : [0.6]),
      ...(hubDatabase.url ? ['INSERTING' as const] : []),
    ];
    const outcomes: string[] = [];
    for (const [index, moment] of moments.entries()) {
      const period = PERIODS[(index + 1) % PERIODS.length] as string;
      const revision = acknowledged.filter((earlier) => earlier.period === period).length + 1;
      const sent = germany.buildReturn(period, { count: BIG_RETURN_RECORDS, revision });
      const jws = germany.sign(sent, RETURN_TYPE);
      const held = moment === 'INSERTING' ? await holdWrites(hubDatabase, 'hub_record') : undefined;
      const inFlight = submit(jws);
      if (held !== undefined) {
        if (!(await held.waitingStatement('INSERT INTO hub_record%', 60_000))) {
          await held.release();
          throw new Error('the insert of records was never seen');
        }
      } else if (typeof moment === 'number') {
        await sleep(moment * ingestMs);
      }
      await hub?.kill('SIGKILL');
      await held?.release();
      const seen = await inFlight;
      await startHub();
      const again = await submit(jws);
      const problems: string[] = [];
      if (!['ACCEPTED', 'DUPLICATE'].includes(again)) problems.push(`the retry was answered ${again}`);
      if (seen === 'ACCEPTED' && again !== 'DUPLICATE')
        problems.push(`accepted before the kill, but the retry was answered ${again}: lost`);
      if (!['ACCEPTED', 'INTERRUPTED'].includes(seen)) problems.push(`the first attempt was answered ${seen}`);
      const when = moment === 'INSERTING' ? 'while its records were being inserted' : `at ${Math.round(moment * 100)}% of an ingest`;
      outcomes.push(`${when}: ${seen} then ${again}`);
      acknowledged.push({ ...sent, recordCount: sent.records.length, unrevoked: true });
      recorder.record('fault: hub killed during ingest', `kill ${when}`, problems);
      expect(problems).toEqual([]);
    }
    recorder.measure('ingestKills', outcomes);
  }, 600_000);

  it('the hub killed during a release: no half-written release, and the next one is numbered after the last', async () => {
    const publish = async (note: string): Promise<number | 'INTERRUPTED'> => {
      try {
        return (
          await atHub<{ publishRelease: { number: number } }>('mutation($note: String) { publishRelease(note: $note) { number } }', {
            note,
          })
        ).publishRelease.number;
      } catch {
        return 'INTERRUPTED';
      }
    };
    const started = performance.now();
    const baseline = await publish('before the kill');
    const releaseMs = performance.now() - started;
    expect(baseline).toBe(1);
    recorder.measure('releaseMs', Math.round(releaseMs));
    const moments: Array<number | 'STORING'> = [
      ...(settings.long ? [0.2, 0.5, 0.8] : [0.5]),
      ...(hubDatabase.url ? ['STORING' as const] : []),
    ];
    for (const moment of moments) {
      const held = moment === 'STORING' ? await holdWrites(hubDatabase, 'hub_release_cell') : undefined;
      const inFlight = publish(`killed at ${moment}`);
      if (held !== undefined) {
        if (!(await held.waitingStatement('INSERT INTO hub_release_cell%', 60_000))) {
          await held.release();
          throw new Error('the insert of cells was never seen');
        }
      } else if (typeof moment === 'number') {
        await sleep(moment * releaseMs);
      }
      await hub?.kill('SIGKILL');
      await held?.release();
      const seen = await inFlight;
      await startHub();
      const { releases } = await atHub<{ releases: Array<{ number: number; datasets: Array<{ cellCount: number }> }> }>(
        '{ releases { number datasets { cellCount } } }',
      );
      const numbers = releases.map((release) => release.number).sort((a, b) => a - b);
      const problems: string[] = [];
      if (typeof seen === 'number' && !numbers.includes(seen)) problems.push(`release ${seen} was answered but is gone`);
      if (numbers.some((number, index) => number !== index + 1)) problems.push(`release numbers ${numbers.join(',')}`);
      if (releases.some((release) => release.datasets.length === 0)) problems.push('a release without datasets');
      const next = await publish('after the kill');
      if (next !== (numbers.at(-1) ?? 0) + 1) problems.push(`the next release got number ${next} after ${numbers.join(',')}`);
      const when = moment === 'STORING' ? 'while its cells were being stored' : `at ${Math.round(moment * 100)}% of a release`;
      recorder.record('fault: hub killed during release', `kill ${when} (${seen})`, problems);
      expect(problems).toEqual([]);
    }
  }, 600_000);

  it('a node killed (SIGKILL) during delivery: after a restart every return and notice is receipted, each once', async () => {
    const rounds = settings.long ? 2 : 1;
    for (let round = 0; round < rounds; round += 1) {
      await submitAllPeriods();
      await revokeSome(2, round * 10);
      // Kill once the first receipt is in and others are still queued: mid-stream.
      await waitFor('a first receipt', outboxNotReceipted, (waiting) => waiting.length < PERIODS.length + 2, 60_000, 50);
      const waitingAtKill = (await outboxNotReceipted()).length;
      await node?.kill('SIGKILL');
      await startNode();
      const problems: string[] = [];
      try {
        await waitFor('every message receipted', outboxNotReceipted, (waiting) => waiting.length === 0, 90_000);
      } catch (error) {
        problems.push((error as Error).message);
      }
      recorder.record(
        'fault: node killed during delivery',
        `kill with ${waitingAtKill} messages undelivered (round ${round + 1})`,
        problems,
      );
      expect(problems).toEqual([]);
    }
  }, 600_000);

  it('the hub away for a long time while the node fills its outbox: all delivered once when it is back', async () => {
    // The node runs with its default retry settings here: recovery is measured as an operator would see it.
    await node?.stop();
    await startNode('default');
    await hub?.stop();
    const rounds = settings.long ? 3 : 1;
    for (let round = 0; round < rounds; round += 1) await submitAllPeriods();
    await revokeSome(2, 40);
    const queued = (await outboxNotReceipted()).length;
    const awaySince = Date.now();
    const problems: string[] = [];
    while (Date.now() - awaySince < HUB_AWAY_MS) {
      await sleep(1_000);
      if (!node?.alive || !(await node.ready())) problems.push('the node stopped answering while the hub was away');
    }
    const waiting = await outboxNotReceipted();
    if (waiting.length !== queued) problems.push(`${queued} messages queued, ${waiting.length} still waiting`);
    if (!waiting.some((message) => message.attempts >= 2)) problems.push('no retry while the hub was away');
    if (waiting.some((message) => message.state === 'REJECTED')) problems.push('a message was given up while the hub was away');
    // Only "the hub is not there" may have stopped a delivery (a delivery cut by the stop itself included).
    const codes = [...new Set(waiting.map((message) => message.lastErrorCode).filter((code) => code !== null))];
    if (codes.some((code) => !/^(HUB_UNREACHABLE|HUB_TIMEOUT|HUB_HTTP_\d+|DELIVERY_INTERRUPTED)$/.test(code as string))) {
      problems.push(`unexpected delivery errors ${codes.join(', ')}`);
    }
    await startHub();
    const back = Date.now();
    let firstReceiptMs: number | undefined;
    try {
      await waitFor(
        'every message receipted',
        async () => {
          const left = await outboxNotReceipted();
          if (firstReceiptMs === undefined && left.length < queued) firstReceiptMs = Date.now() - back;
          return left;
        },
        (left) => left.length === 0,
        120_000,
      );
    } catch (error) {
      problems.push((error as Error).message);
    }
    recorder.measure('deliveryAfterHubBackMs', { messages: queued, ms: Date.now() - back, firstReceiptMs });
    // Issue 26: with default settings a node must resume within seconds of the hub's return.
    console.log(`first receipt ${firstReceiptMs} ms after the hub was back (target under 10000 ms with default settings)`);
    if (firstReceiptMs === undefined || firstReceiptMs >= 10_000)
      problems.push(`first receipt ${firstReceiptMs} ms after the hub was back`);
    await node?.stop();
    await startNode();
    recorder.record('fault: hub away', `hub away ${Math.round(HUB_AWAY_MS / 1000)} s with ${queued} messages queued`, problems);
    expect(problems).toEqual([]);
  }, 600_000);

  (settings.pgOutage ? it : it.skip)(
    'PostgreSQL stopped for a few seconds while both run: both recover, nothing is lost',
    async () => {
      const cluster = (await execFileAsync('ls', ['/etc/postgresql'])).stdout.trim().split('\n')[0] ?? '15';
      const problems: string[] = [];
      const outageOutcomes: string[] = [];
      const stoppedAt = Date.now();
      try {
        await execFileAsync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'stop', '-m', 'fast']);
        // While the database is down: the node is asked for a return, the hub for its releases.
        for (const attempt of [
          () => atNode('mutation { submitReturn(period: "2026-Q2") { returnId } }'),
          () => atHub('{ releases { number } }'),
        ]) {
          try {
            await attempt();
            outageOutcomes.push('OK');
          } catch (error) {
            outageOutcomes.push((error as { code?: string }).code ?? (error as Error).name);
          }
        }
        await sleep(Math.max(0, 3_000 - (Date.now() - stoppedAt)));
      } finally {
        await execFileAsync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'start']);
      }
      recorder.measure('postgresOutage', { ms: Date.now() - stoppedAt, answersDuringOutage: outageOutcomes });
      // Found by this case: an outage was answered INTERNAL_SERVER_ERROR; a client must be able to tell it may retry.
      const imprecise = outageOutcomes.filter((outcome) => outcome !== 'OK' && outcome !== 'SERVICE_UNAVAILABLE');
      if (imprecise.length > 0) problems.push(`answered ${imprecise.join(', ')} during the outage instead of SERVICE_UNAVAILABLE`);
      if (!hub?.alive) problems.push('the hub died with the database');
      if (!node?.alive) problems.push('the node died with the database');
      try {
        await waitFor(
          'both ready again',
          async () => [await hub?.ready(), await node?.ready()],
          (ready) => ready.every(Boolean),
          60_000,
          500,
        );
        await submitAllPeriods();
        await waitFor('every message receipted', outboxNotReceipted, (left) => left.length === 0, 90_000);
      } catch (error) {
        problems.push((error as Error).message);
      }
      recorder.record('fault: PostgreSQL stopped', 'database server stopped about 3 s under both apps', problems);
      expect(problems).toEqual([]);
    },
    300_000,
  );

  it('after every fault: no accepted return lost, none applied twice, no half-written release, every revocation receipted', async () => {
    const { returns } = await atNode<{ returns: NodeReturn[] }>(
      '{ returns(first: 500) { returnId period revision recordCount state hubStatus } }',
    );
    const { revocations } = await atNode<{ revocations: NodeRevocation[] }>(
      '{ revocations(first: 500) { id pseudonym state receiptedAt } }',
      {},
      tokens.steward,
    );
    const waiting = await outboxNotReceipted();
    await node?.stop();
    await hub?.stop();
    const fromNode: AcknowledgedReturn[] = returns
      .filter((sent) => sent.state === 'RECEIPTED')
      .map((sent) => ({
        returnId: sent.returnId,
        country: 'AT',
        period: sent.period,
        revision: sent.revision,
        recordCount: sent.recordCount,
        unrevoked: false,
      }));
    const report = await withAppDatabase(hubDatabase, async (run) => {
      const consistency = await hubConsistency(run, [...acknowledged, ...fromNode]);
      const revoked = revocations.map((revocation) => revocation.pseudonym);
      const [{ left }] = (await run('SELECT count(*)::int AS left FROM hub_record WHERE pseudonym = ANY($1)', [revoked])) as Array<{
        left: number;
      }>;
      const ledger = (await run('SELECT notice_id FROM hub_revocation')) as Array<{ notice_id: string }>;
      return { consistency, left, ledger: new Set(ledger.map((row) => row.notice_id)) };
    });
    const problems = [...report.consistency.problems];
    const unreceipted = revocations.filter((revocation) => revocation.state !== 'RECEIPTED' || revocation.receiptedAt === null);
    if (unreceipted.length > 0) problems.push(`${unreceipted.length} revocations not receipted`);
    const missingFromLedger = revocations.filter((revocation) => !report.ledger.has(revocation.id));
    if (missingFromLedger.length > 0) problems.push(`${missingFromLedger.length} receipted revocations are not in the hub ledger`);
    if (report.left > 0) problems.push(`${report.left} records of revoked persons are still at the hub`);
    if (waiting.length > 0) problems.push(`${waiting.length} outbox messages never receipted`);
    const unreceiptedReturns = returns.filter((sent) => sent.state !== 'RECEIPTED');
    if (unreceiptedReturns.length > 0) problems.push(`${unreceiptedReturns.length} node returns not receipted`);
    const lost = report.consistency.dataLost + unreceipted.length + report.left + unreceiptedReturns.length;
    recorder.dataLost(lost);
    recorder.measure('finalState', {
      hubSubmissions: report.consistency.submissions,
      hubRecords: report.consistency.records,
      releases: report.consistency.releases,
      nodeReturns: returns.length,
      revocations: revocations.length,
    });
    recorder.record('fault: final consistency', 'hub tables and node outbox after all faults', problems);
    expect(problems).toEqual([]);
    expect(lost).toBe(0);
  }, 300_000);
});
