/**
 * Splits the CTDC subset by country of exploitation into one CTDC-shaped CSV per country, ready for each
 * national node's import (`npm run node:import -- <file>`):
 *   node dist/scripts/split-ctdc.js [--input data/third-party/ctdc-2020-subset/ctdc-2020-subset.csv] --out .data/ctdc [--countries US,UA]
 * Rows without a country of exploitation are counted and left out (no node can report them).
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { csvLine } from './synthetic/synthetic-cases.js';

export interface SplitSummary {
  rows: number;
  withoutCountry: number;
  perCountry: Record<string, number>;
}

export async function splitCtdc(input: string, outDir: string, only?: ReadonlySet<string>): Promise<SplitSummary> {
  await mkdir(outDir, { recursive: true });
  const writers = new Map<string, WriteStream>();
  const summary: SplitSummary = { rows: 0, withoutCountry: 0, perCountry: {} };
  let header: string[] | undefined;
  let countryColumn = -1;
  for await (const record of createReadStream(input).pipe(parse({ bom: true, relax_column_count: false })) as AsyncIterable<string[]>) {
    if (!header) {
      header = record;
      countryColumn = header.indexOf('CountryOfExploitation');
      if (countryColumn < 0) throw new Error('the file has no CountryOfExploitation column');
      continue;
    }
    summary.rows += 1;
    const country = (record[countryColumn] ?? '').trim().toUpperCase();
    if (country === '' || country === '0') {
      summary.withoutCountry += 1;
      continue;
    }
    if (only && !only.has(country)) continue;
    let writer = writers.get(country);
    if (!writer) {
      writer = createWriteStream(join(outDir, `ctdc-${country}.csv`));
      writer.write(csvLine(header));
      writers.set(country, writer);
    }
    writer.write(csvLine(record));
    summary.perCountry[country] = (summary.perCountry[country] ?? 0) + 1;
  }
  await Promise.all([...writers.values()].map((writer) => new Promise((done) => writer.end(done))));
  return summary;
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1]?.endsWith('split-ctdc.js')) {
  const input = resolve(option('input') ?? 'data/third-party/ctdc-2020-subset/ctdc-2020-subset.csv');
  const only = option('countries') ? new Set(option('countries')!.split(',')) : undefined;
  splitCtdc(input, resolve(option('out') ?? '.data/ctdc'), only).then(
    (summary) => process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
