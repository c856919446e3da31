/**
 * Writes synthetic case registrations in the standard's CSV template:
 *   node dist/scripts/generate-cases.js --country AT --count 5000 --from 2025-Q1 --to 2026-Q2 --seed 1 [--out file.csv]
 * Streams, so millions of rows need no more memory than a handful.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { TEMPLATE_HEADER, csvLine, syntheticCases } from './synthetic/synthetic-cases.js';

function argument(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const out = process.argv.includes('--out') ? createWriteStream(argument('out')) : process.stdout;
  const rows = syntheticCases({
    country: argument('country'),
    count: Number(argument('count', '1000')),
    firstPeriod: argument('from', '2025-Q1'),
    lastPeriod: argument('to', '2026-Q2'),
    seed: Number(argument('seed', '1')),
  });
  out.write(csvLine(TEMPLATE_HEADER));
  for (const row of rows) {
    if (!out.write(csvLine(TEMPLATE_HEADER.map((column) => row[column])))) await once(out, 'drain');
  }
  if (out !== process.stdout) out.end();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
