/**
 * Benchmark 1, ingest: a signed quarterly return through the hub's real intake (GraphQL `submitReturn` over HTTP:
 * signature, validation against the standard, record keys, one transaction), against writing the same rows into an
 * identical table with the fastest plain SQL (batched `unnest` insert, or COPY on PostgreSQL; the faster one counts).
 *   node dist/scripts/bench/ingest.bench.js
 *     [--sizes 1000,10000,100000 | --records 100000] [--runs 3] [--embedded]
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { HubKeyring } from '../../apps/hub/src/keys/hub-keyring.js';
import { SubmissionsService } from '../../apps/hub/src/submissions/submissions.service.js';
import { growthExponent, medianSeconds, memorySampler, numberArgument, printRatio, printTable } from './bench-kit.js';
import { inTransaction, startBenchHub, withRawClient, type BenchHub } from './bench-hub.js';
import { BenchNode, REGISTER_NODE, SUBMIT_RETURN } from './bench-node.js';
import { ratioText, secondsText, sizesArgument } from './bench-sizes.js';
import { insertByCopy, insertByUnnest, storedRows } from './record-rows.js';

const SEED = 20_251;
const COUNTRY = 'DE';
const PERIOD = '2025-Q3';
const BASELINE_TABLE = 'bench_record';
/** Rows per unnest statement: the hub's own batch size, so this baseline differs from its store step only in what it skips. */
const UNNEST_BATCH_ROWS = 20_000;
const TARGET = 1.5;

interface Measured {
  readonly records: number;
  readonly jwsMegabytes: number;
  readonly hubHttp: number;
  readonly hubService: number;
  readonly unnest: number;
  readonly copy: number | undefined;
  readonly phases: Record<string, number>;
  readonly phaseTotalMs: number;
}

async function main(): Promise<void> {
  const sizes = sizesArgument([1_000, 10_000, 100_000]);
  const runs = numberArgument('runs', 3);
  const memory = memorySampler();
  const hub = await startBenchHub('ingest', { logLevel: 'log', keepLogs: true });
  try {
    const node = await BenchNode.create('node-bench-de', [COUNTRY], SEED);
    await hub.graphql(REGISTER_NODE, node.registration, hub.adminToken);
    // The identical table: same columns, types, defaults, identity, checks and indexes, and the same foreign key.
    await hub.dataSource.query(`CREATE TABLE ${BASELINE_TABLE} (LIKE hub_record INCLUDING ALL)`);
    await hub.dataSource.query(`ALTER TABLE ${BASELINE_TABLE} ADD FOREIGN KEY (return_id) REFERENCES hub_submission (return_id)`);

    const measured: Measured[] = [];
    for (const size of sizes) measured.push(await measure(hub, node, size, runs));
    const peakMiB = memory.stop();

    const rows = measured.map((row) => {
      const baseline = Math.min(row.unnest, row.copy ?? Infinity);
      return {
        records: row.records.toLocaleString('en'),
        'JWS MB': row.jwsMegabytes.toFixed(1),
        'hub, HTTP s': secondsText(row.hubHttp),
        'hub, service s': secondsText(row.hubService),
        'unnest s': secondsText(row.unnest),
        'COPY s': row.copy === undefined ? 'n/a' : secondsText(row.copy),
        'hub/baseline': ratioText(row.hubHttp / baseline),
        'hub records/s': Math.round(row.records / row.hubHttp).toLocaleString('en'),
      };
    });
    printTable(`Ingest: one signed return through the hub vs the fastest plain SQL insert (${hub.database}, median of ${runs})`, rows);

    const largest = measured[measured.length - 1]!;
    const phaseRows = Object.entries(largest.phases).map(([phase, ms]) => ({
      phase,
      seconds: secondsText(ms / 1000),
      share: `${Math.round((ms / largest.phaseTotalMs) * 100)}%`,
    }));
    printTable(`Where the hub's time goes at ${largest.records.toLocaleString('en')} records (last HTTP run, from its log)`, phaseRows);

    if (measured.length >= 2) {
      const baselineOf = (row: Measured) => Math.min(row.unnest, row.copy ?? Infinity);
      const hubGrowth = growthExponent(measured.map((row) => ({ size: row.records, seconds: row.hubHttp })));
      const baselineGrowth = growthExponent(measured.map((row) => ({ size: row.records, seconds: baselineOf(row) })));
      process.stdout.write(
        `\ngrowth of time with size (1.0 is linear): hub ${hubGrowth.toFixed(2)}, baseline ${baselineGrowth.toFixed(2)}\n`,
      );
    }
    process.stdout.write(`peak memory of the benchmark process (hub, client and data): ${peakMiB} MiB\n`);
    const baseline = Math.min(largest.unnest, largest.copy ?? Infinity);
    printRatio(
      `ingest hub/${largest.copy !== undefined && largest.copy < largest.unnest ? 'COPY' : 'unnest'} at ${largest.records.toLocaleString('en')} records (${hub.database})`,
      largest.hubHttp / baseline,
      TARGET,
    );
  } finally {
    await hub.close();
  }
}

async function measure(hub: BenchHub, node: BenchNode, size: number, runs: number): Promise<Measured> {
  const { dataSource } = hub;
  const records = node.records({ seed: SEED, countries: [[COUNTRY, 1]], periods: [PERIOD], recurrence: 0 }, 0, size);
  const jws = await node.signReturn(node.returnOf(COUNTRY, PERIOD, records));
  // The request body is the client's work: built once, outside the timing.
  const body = JSON.stringify({ query: SUBMIT_RETURN, variables: { jws } });
  const emptyReturn = node.returnOf(COUNTRY, PERIOD, []);
  const emptyJws = await node.signReturn(emptyReturn);
  const submissions = hub.app.get(SubmissionsService);
  const rows = storedRows(records, hub.app.get(HubKeyring).recordKeySecret, () => emptyReturn.returnId);

  // Every run starts from empty tables; the baseline's rows belong to a (real, empty) accepted return.
  const empty = async () => {
    await dataSource.query('TRUNCATE hub_submission CASCADE');
  };
  const emptyWithReturn = async () => {
    await empty();
    expectStatus((await submissions.submitReturn(emptyJws)).status, 'ACCEPTED');
  };

  let lastHttpSeconds = 0;
  const hubHttp = await medianSeconds(
    runs,
    async () => {
      const started = performance.now();
      const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { data?: { submitReturn?: { status?: string } }; errors?: { message: string }[] };
      expectStatus(answer.data?.submitReturn?.status, 'ACCEPTED', answer.errors?.[0]?.message);
      lastHttpSeconds = (performance.now() - started) / 1000;
    },
    empty,
  );
  await expectRows(dataSource, 'hub_record', size);
  const phases = lastIntakePhases(hub.logs, lastHttpSeconds);
  hub.logs.length = 0;

  const hubService = await medianSeconds(runs, async () => expectStatus((await submissions.submitReturn(jws)).status, 'ACCEPTED'), empty);
  await expectRows(dataSource, 'hub_record', size);

  const unnest = await medianSeconds(
    runs,
    () =>
      withRawClient(dataSource, (client) => inTransaction(client, () => insertByUnnest(client, BASELINE_TABLE, rows, UNNEST_BATCH_ROWS))),
    emptyWithReturn,
  );
  await expectRows(dataSource, BASELINE_TABLE, size);
  let copy: number | undefined;
  if (hub.database === 'PostgreSQL') {
    copy = await medianSeconds(
      runs,
      () => withRawClient(dataSource, (client) => inTransaction(client, () => insertByCopy(client, BASELINE_TABLE, rows))),
      emptyWithReturn,
    );
    await expectRows(dataSource, BASELINE_TABLE, size);
  }
  await empty();
  return { records: size, jwsMegabytes: jws.length / 1e6, hubHttp, hubService, unnest, copy, phases, phaseTotalMs: lastHttpSeconds * 1000 };
}

/** The phases the hub logs for an accepted return; what is left of the HTTP time is transport and GraphQL. */
function lastIntakePhases(logs: readonly string[], httpSeconds: number): Record<string, number> {
  const line = [...logs].reverse().find((entry) => entry.includes('"return accepted"'));
  if (line === undefined) return {};
  const entry = JSON.parse(line) as Record<string, unknown>;
  const phases: Record<string, number> = {};
  for (const [field, name] of [
    ['verifyMs', 'verify signature, parse JSON'],
    ['validateMs', 'validate against the standard'],
    ['prepareMs', 'leaf codes and record keys'],
    ['storeMs', 'store (one transaction)'],
  ] as const) {
    const value = entry[field];
    if (typeof value === 'number') phases[name] = value;
  }
  const accounted = Object.values(phases).reduce((sum, value) => sum + value, 0);
  phases['HTTP, body parsing, GraphQL (the rest)'] = Math.max(0, httpSeconds * 1000 - accounted);
  return phases;
}

function expectStatus(actual: string | undefined, expected: string, detail?: string): void {
  if (actual !== expected) throw new Error(`the hub answered ${actual ?? 'nothing'} instead of ${expected}${detail ? `: ${detail}` : ''}`);
}

async function expectRows(dataSource: DataSource, table: string, expected: number): Promise<void> {
  const [{ count }]: { count: string }[] = await dataSource.query(`SELECT count(*) AS count FROM ${table}`);
  if (Number(count) !== expected) throw new Error(`${table} holds ${count} rows, expected ${expected}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
