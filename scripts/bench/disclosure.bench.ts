// Benchmark of the disclosure library on a synthetic cube of 1M records (30 countries x 8 quarters x sex x age x
// citizenship, margins, EU27 group and years included): record keys, aggregation, and both protection methods.
//
// Run after compiling (the build config leaves benchmarks out, so compile them explicitly), for example:
//   npx tsc -p tsconfig.json --noEmit false --outDir dist
//   node --expose-gc dist/scripts/bench/disclosure.bench.js [--records 1000000] [--audit]
// `--audit` also runs the exact auditor and the audit-driven widening of method 1 on a catalogue-sized slice
// (one quarter of the six largest countries).
import {
  EXAMPLE_PERTURBATION_PARAMETERS,
  aggregateCube,
  auditSuppression,
  buildPerturbationTable,
  flatDimension,
  groupedDimension,
  independentDimension,
  protectByCellKey,
  protectBySuppression,
  recordKey,
} from '#app/disclosure';
import type { AggregatedCell, Cube, Dimension, RecordContribution } from '#app/disclosure';

const EU27 = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'EL',
  'ES',
  'FI',
  'FR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];
const COUNTRIES = [...EU27, 'NO', 'CH', 'UK'];
const QUARTERS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const YEARS = ['2025', '2026'];
const SEXES = ['F', 'M', 'OTHER', 'UNK'];
const AGES = ['Y0-11', 'Y12-17', 'Y18-24', 'Y25-34', 'Y35-44', 'Y45-54', 'Y55-64', 'Y_GE65', 'UNK'];
const CITIZENSHIPS = ['NAT', 'EU_OTH', 'NON_EU', 'STLS', 'UNK'];

const DIMENSIONS: Dimension[] = [
  groupedDimension('geo', COUNTRIES, [
    { code: 'EU27_2020', members: EU27 },
    { code: 'TOTAL', members: COUNTRIES },
  ]),
  independentDimension('time', [...QUARTERS, ...YEARS]),
  flatDimension('sex', SEXES),
  flatDimension('age', AGES),
  flatDimension('citizen', CITIZENSHIPS),
];

interface Options {
  readonly records: number;
  readonly audit: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const recordsAt = argv.indexOf('--records');
  const records = recordsAt >= 0 ? Number(argv[recordsAt + 1]) : 1_000_000;
  if (!Number.isSafeInteger(records) || records <= 0) throw new Error('--records needs a positive integer');
  return { records, audit: argv.includes('--audit') };
}

/** mulberry32: the same records on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative weights for skewed draws: large countries and common categories dominate, rare ones make small cells. */
function sampler<T>(choices: readonly T[], weight: (index: number) => number): (u: number) => T {
  const cumulative: number[] = [];
  let total = 0;
  choices.forEach((_, index) => cumulative.push((total += weight(index))));
  return (u) => {
    const target = u * total;
    let index = 0;
    while (cumulative[index]! <= target && index < choices.length - 1) index += 1;
    return choices[index]!;
  };
}

const pickCountry = sampler(COUNTRIES, (index) => 1 / (index + 1) ** 1.1);
const pickQuarter = sampler(QUARTERS, () => 1);
const pickSex = sampler(SEXES, (index) => [70, 27, 0.5, 2.5][index]!);
const pickAge = sampler(AGES, (index) => [3, 10, 25, 28, 17, 9, 4, 1, 3][index]!);
const pickCitizenship = sampler(CITIZENSHIPS, (index) => [40, 20, 35, 0.5, 4.5][index]!);

/** Pseudonyms as the hub stores them (43-char base64url in production; shorter here, same hashing cost). */
function pseudonymOf(index: number): string {
  return `bench-person-${index.toString(36).padStart(8, '0')}`;
}

function* syntheticRecords(count: number, keys: readonly bigint[]): Generator<RecordContribution> {
  const random = seededRandom(2026);
  for (let index = 0; index < count; index++) {
    const quarter = pickQuarter(random());
    yield {
      key: keys[index]!,
      coordinates: [
        [pickCountry(random())],
        [quarter, quarter.slice(0, 4)],
        [pickSex(random())],
        [pickAge(random())],
        [pickCitizenship(random())],
      ],
    };
  }
}

interface Measurement {
  readonly step: string;
  readonly milliseconds: number;
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
}

const measurements: Measurement[] = [];
const collectGarbage = (globalThis as { gc?: () => void }).gc;

function measure<T>(step: string, work: () => T): T {
  collectGarbage?.();
  const start = performance.now();
  const result = work();
  const milliseconds = performance.now() - start;
  const { heapUsed, rss } = process.memoryUsage();
  measurements.push({ step, milliseconds, heapUsedMiB: heapUsed / 2 ** 20, rssMiB: rss / 2 ** 20 });
  console.log(
    `${step.padEnd(58)} ${milliseconds.toFixed(0).padStart(8)} ms  heap ${(heapUsed / 2 ** 20).toFixed(0).padStart(5)} MiB  rss ${(rss / 2 ** 20).toFixed(0).padStart(5)} MiB`,
  );
  return result;
}

/**
 * A catalogue-sized cube for the exact auditor: the first quarter's records of the six largest countries,
 * aggregated on their own (the auditor's cost grows fast with the number of suppressed cells in one period).
 */
function auditSlice(records: number, keys: readonly bigint[]): Cube<AggregatedCell> {
  const countries = COUNTRIES.slice(0, 6);
  const dimensions: Dimension[] = [flatDimension('geo', countries), independentDimension('time', [QUARTERS[0]!]), ...DIMENSIONS.slice(2)];
  const inSlice = function* (): Generator<RecordContribution> {
    for (const record of syntheticRecords(records, keys)) {
      if (record.coordinates[1]![0] === QUARTERS[0] && countries.includes(record.coordinates[0]![0]!)) {
        yield { key: record.key, coordinates: [record.coordinates[0]!, [QUARTERS[0]!], ...record.coordinates.slice(2)] };
      }
    }
  };
  return aggregateCube(dimensions, inSlice());
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const secret = new Uint8Array(32).map((_, index) => (index * 131 + 7) % 256);
  console.log(`disclosure benchmark: ${options.records.toLocaleString('en')} records, node ${process.version}`);

  const keys = measure(`record keys (keyed BLAKE2b) x ${options.records}`, () =>
    Array.from({ length: options.records }, (_, index) => recordKey(pseudonymOf(index), secret)),
  );
  const cube = measure('aggregate into cube (margins, EU27, years)', () =>
    aggregateCube(DIMENSIONS, syntheticRecords(options.records, keys)),
  );
  const small = cube.cells.filter((cell) => cell.count > 0 && cell.count < 5).length;
  console.log(`  cube: ${cube.cells.length} cells, ${small} with 0 < n < 5`);

  const table = measure('method 2: build perturbation table (D=5, V=3, js=2)', () =>
    buildPerturbationTable(EXAMPLE_PERTURBATION_PARAMETERS),
  );
  const perturbed = measure('method 2: protectByCellKey (whole cube)', () => protectByCellKey(cube, table, { smallCountThreshold: 5 }));
  console.log(`  ${perturbed.filter((cell) => cell.flags === 'u').length} cells flagged u`);

  const suppressed = measure('method 1: protectBySuppression, rules only (whole cube)', () =>
    protectBySuppression(cube, { k: 5, audit: false }),
  );
  console.log(`  ${suppressed.filter((cell) => cell.value === null).length} cells suppressed`);

  if (options.audit) {
    const slice = auditSlice(options.records, keys);
    console.log(`  audit slice: one quarter, six countries, ${slice.cells.length} cells`);
    const rulesOnly = measure('method 1: rules only (slice)', () => protectBySuppression(slice, { k: 5, audit: false }));
    const audit = measure('method 1: exact audit of the rules-only pattern (slice)', () => auditSuppression(slice, rulesOnly));
    console.log(`  ${audit.intervals.length} suppressed cells audited, ${audit.pinned.length} pinned by the rules alone`);
    const audited = measure('method 1: rules + audit-driven widening (slice)', () => protectBySuppression(slice, { k: 5 }));
    console.log(`  ${audited.filter((cell) => cell.value === null).length} cells suppressed after widening`);
    const check = measure('method 1: exact audit of the final pattern (slice)', () => auditSuppression(slice, audited));
    console.log(`  ${check.pinned.length} pinned after widening`);
  }
  console.log(JSON.stringify({ records: options.records, measurements }));
}

main();
