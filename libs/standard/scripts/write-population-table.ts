// Writes the project's versioned copy of a Eurostat population table from a bulk TSV file.
//
//   npm run build
//   node dist/libs/standard/scripts/write-population-table.js <table.tsv> <out.json> \
//     --table-id=tps00001 --extraction-date=YYYY-MM-DD [--version=...] [--note=...]
//
// The hub loads a newer table the same way at run time, with parseEurostatPopulationTsv.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseEurostatPopulationTsv } from '../src/population/eurostat-tsv.parser.js';
import { formatPopulationTable } from '../src/population/population-table.js';
import { validatePopulationTable } from '../src/population/population-table.loader.js';
import { parseIsoDate } from '../src/time/iso-date.js';

function option(args: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function main(args: readonly string[]): void {
  const [input, output] = args.filter((arg) => !arg.startsWith('--'));
  const tableId = option(args, 'table-id');
  const extractionDate = option(args, 'extraction-date');
  if (input === undefined || output === undefined || tableId === undefined || extractionDate === undefined) {
    throw new Error(
      'usage: write-population-table <table.tsv> <out.json> --table-id=ID --extraction-date=YYYY-MM-DD [--version=V] [--note=TEXT]',
    );
  }
  const version = option(args, 'version');
  const note = option(args, 'note');
  const table = parseEurostatPopulationTsv(readFileSync(input, 'utf8'), {
    tableId,
    title: 'Population on 1 January - total',
    source: `Eurostat, table ${tableId}`,
    sourceUrl: `https://ec.europa.eu/eurostat/databrowser/view/${tableId}/default/table`,
    extractionDate: parseIsoDate(extractionDate),
    ...(version === undefined ? {} : { version }),
    ...(note === undefined ? {} : { note }),
  });
  const checked = validatePopulationTable(table);
  if (!checked.ok) throw new Error(`the table does not follow population-table.schema.json: ${JSON.stringify(checked.errors)}`);
  writeFileSync(output, formatPopulationTable(table));
  process.stdout.write(`${output}: ${table.observations.length} observations, version ${table.version}\n`);
}

main(process.argv.slice(2));
