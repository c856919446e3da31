/**
 * Benchmark 2, release: publishing a release through the hub's real API (GraphQL `publishRelease`: every dataset of
 * the catalogue with margins, quarters and years, countries and the EU27 group, cell key perturbation and flags,
 * stored in one transaction) against plain GROUPING SETS SQL computing the same unprotected counts (stored in a table
 * of the same key, or read into the client; the faster counts). Records of 30 countries and 8 quarters are loaded with
 * SQL first (not measured). Also reports the benchmark process's peak memory while the hub publishes.
 *   node --expose-gc dist/scripts/bench/release.bench.js
 *     [--sizes 10000,100000,1000000 | --records 1000000] [--runs 3] [--embedded]
 */
import 'reflect-metadata';
import { growthExponent, medianSeconds, memorySampler, numberArgument, printRatio, printTable } from './bench-kit.js';
import { startBenchHub, withRawClient, type BenchHub } from './bench-hub.js';
import { BenchNode, REGISTER_NODE } from './bench-node.js';
import { BENCH_COUNTRY_WEIGHTS, BENCH_QUARTERS, type PersonPlanOptions } from './bench-records.js';
import { ratioText, secondsText, sizesArgument } from './bench-sizes.js';
import { RecordLoader } from './record-loader.js';
import { CREATE_BASELINE_CELL_TABLE, computeBaseline } from './release-baseline.js';

const SEED = 20_262;
const TARGET = 1.5;
const MEMORY_TARGET_MIB = 1024;

interface Measured {
  readonly records: number;
  readonly publish: number;
  readonly store: number;
  readonly fetch: number;
  readonly publishedCells: number;
  readonly baselineCells: number;
  readonly peakMiB: number;
  readonly idleMiB: number;
  readonly datasetPhases: DatasetPhase[];
}

interface DatasetPhase {
  readonly dataset: string;
  readonly sqlMs: number;
  readonly totalMs: number;
  readonly storedCells: number;
}

const PUBLISH = `mutation { publishRelease(note: "benchmark") { number datasets { dataset cellCount } } }`;

async function main(): Promise<void> {
  const sizes = sizesArgument([10_000, 100_000, 1_000_000]).sort((a, b) => a - b);
  const runs = numberArgument('runs', 3);
  const hub = await startBenchHub('release', { logLevel: 'debug', keepLogs: true });
  try {
    const countries = BENCH_COUNTRY_WEIGHTS.map(([country]) => country);
    const node = await BenchNode.create('node-bench', countries, SEED);
    await hub.graphql(REGISTER_NODE, node.registration, hub.adminToken);
    const plan: PersonPlanOptions = { seed: SEED, countries: BENCH_COUNTRY_WEIGHTS, periods: BENCH_QUARTERS, recurrence: 0.1 };
    const loader = await RecordLoader.open(hub, node, plan);
    await hub.dataSource.query(CREATE_BASELINE_CELL_TABLE);

    const measured: Measured[] = [];
    let baselineRun = 0;
    for (const size of sizes) {
      const loadStarted = performance.now();
      await loader.growTo(size);
      process.stdout.write(
        `loaded ${size.toLocaleString('en')} records in ${secondsText((performance.now() - loadStarted) / 1000)} s (not measured)\n`,
      );
      measured.push(await measure(hub, size, runs, () => (baselineRun += 1)));
    }

    printTable(
      `Release: publishing through the hub vs plain GROUPING SETS SQL for the same unprotected counts (${hub.database}, median of ${runs})`,
      measured.map((row) => ({
        records: row.records.toLocaleString('en'),
        'hub publish s': secondsText(row.publish),
        'SQL, stored s': secondsText(row.store),
        'SQL, fetched s': secondsText(row.fetch),
        'hub/baseline': ratioText(row.publish / Math.min(row.store, row.fetch)),
        'published cells': row.publishedCells.toLocaleString('en'),
        'baseline cells': row.baselineCells.toLocaleString('en'),
        'peak MiB': row.peakMiB,
        'idle MiB': row.idleMiB,
      })),
    );
    const largest = measured[measured.length - 1]!;
    printTable(
      `Where the hub's time goes at ${largest.records.toLocaleString('en')} records (last publish, from its debug log)`,
      largest.datasetPhases.map((phase) => ({
        dataset: phase.dataset,
        'SQL aggregation s': secondsText(phase.sqlMs / 1000),
        'protect, flag, store s': secondsText((phase.totalMs - phase.sqlMs) / 1000),
        'stored cells': phase.storedCells.toLocaleString('en'),
      })),
    );
    if (measured.length >= 2) {
      const hubGrowth = growthExponent(measured.map((row) => ({ size: row.records, seconds: row.publish })));
      const baselineGrowth = growthExponent(measured.map((row) => ({ size: row.records, seconds: Math.min(row.store, row.fetch) })));
      process.stdout.write(
        `\ngrowth of time with size (1.0 is linear): hub ${hubGrowth.toFixed(2)}, baseline ${baselineGrowth.toFixed(2)}\n`,
      );
    }
    process.stdout.write(
      `peak memory while publishing ${largest.records.toLocaleString('en')} records: ${largest.peakMiB} MiB ` +
        `(the hub process${hub.database === 'PostgreSQL' ? '' : ', embedded database included'}; target < ${MEMORY_TARGET_MIB} MiB: ` +
        `${largest.peakMiB < MEMORY_TARGET_MIB ? 'met' : 'MISSED'})\n`,
    );
    printRatio(
      `release hub/SQL at ${largest.records.toLocaleString('en')} records (${hub.database})`,
      largest.publish / Math.min(largest.store, largest.fetch),
      TARGET,
    );
  } finally {
    await hub.close();
  }
}

async function measure(hub: BenchHub, size: number, runs: number, nextBaselineRun: () => number): Promise<Measured> {
  collectGarbage();
  const idleMiB = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const memory = memorySampler();
  let publishedCells = 0;
  hub.logs.length = 0;
  const publish = await medianSeconds(runs, async () => {
    const answer = await hub.graphql<{ publishRelease: { datasets: { cellCount: number }[] } }>(PUBLISH, {}, hub.adminToken);
    publishedCells = answer.publishRelease.datasets.reduce((sum, dataset) => sum + dataset.cellCount, 0);
  });
  const peakMiB = memory.stop();
  const datasetPhases = lastPublishPhases(hub.logs);
  hub.logs.length = 0;

  let baselineCells = 0;
  const store = await medianSeconds(runs, () =>
    withRawClient(hub.dataSource, async (client) => {
      baselineCells = await computeBaseline(client, nextBaselineRun(), 'store');
    }),
  );
  const fetch = await medianSeconds(runs, () => withRawClient(hub.dataSource, (client) => computeBaseline(client, 0, 'fetch')));
  return { records: size, publish, store, fetch, publishedCells, baselineCells, peakMiB, idleMiB, datasetPhases };
}

/** Per dataset of the last release: SQL aggregation time and total time, from the release service's debug lines. */
function lastPublishPhases(logs: readonly string[]): DatasetPhase[] {
  const lines = logs.filter((line) => line.includes('"dataset released"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const lastRelease = Math.max(...lines.map((line) => Number(line['release'])));
  return lines
    .filter((line) => Number(line['release']) === lastRelease)
    .map((line) => ({
      dataset: String(line['dataset']),
      sqlMs: Number(line['sqlMs']),
      totalMs: Number(line['totalMs']),
      storedCells: Number(line['storedCells']),
    }));
}

/** With `--expose-gc`, drops the loader's garbage before memory is sampled, so the peak is the release's. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
