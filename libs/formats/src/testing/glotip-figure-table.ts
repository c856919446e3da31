import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { FigureCell, FigureCode, FigureTable } from '../figure-table.js';

// Test-only loader of real UNODC data (data/third-party/unodc-glotip, see its README) as a figure table.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const GLOTIP_CSV = path.join(repoRoot, 'data', 'third-party', 'unodc-glotip', 'glotip.csv');

const SEX_CODES: Record<string, FigureCode> = {
  Total: { code: 'TOTAL', label: 'Total' },
  Female: { code: 'F', label: 'Female' },
  Male: { code: 'M', label: 'Male' },
  Other: { code: 'OTHER', label: 'Other' },
  Unknown: { code: 'UNK', label: 'Unknown' },
};
const AGE_CODES: Record<string, FigureCode> = {
  Total: { code: 'TOTAL', label: 'Total' },
  '0 to 17 years': { code: 'Y_LT18', label: 'Less than 18 years' },
  '18 years or over': { code: 'Y_GE18', label: '18 years or over' },
  Unknown: { code: 'UNK', label: 'Unknown' },
};
const DUPLICATE_NOTE = 'GLOTIP_DUP';

interface GlotipRow {
  Iso3_code: string;
  Country: string;
  Indicator: string;
  Dimension: string;
  Sex: string;
  Age: string;
  Year: string;
  txtVALUE: string;
}

/**
 * Detected victims by country, year, sex and age as UNODC published them: `<5` becomes a null value
 * flagged `c`; where UNODC lists two values for one cell the first is kept and the cell gets a note.
 */
export function glotipVictimsTable(): FigureTable {
  // Parsed once per test file; each caller gets its own copy to change.
  loaded ??= loadGlotipVictimsTable();
  return structuredClone(loaded);
}

let loaded: FigureTable | undefined;

function loadGlotipVictimsTable(): FigureTable {
  // Only a quarter of the file is needed: drop other lines before the (slower) CSV parse.
  const [, , header, ...lines] = readFileSync(GLOTIP_CSV, 'utf8').split('\n');
  const wanted = lines.filter((line) => line.includes(',Detected trafficking victims,Total,'));
  const rows = parse([header, ...wanted].join('\n'), { columns: true }) as GlotipRow[];
  const countries = new Map<string, string>();
  const years = new Set<string>();
  const cells = new Map<string, FigureCell>();
  for (const row of rows) {
    if (row.Indicator !== 'Detected trafficking victims' || row.Dimension !== 'Total') continue;
    const sex = SEX_CODES[row.Sex];
    const age = AGE_CODES[row.Age];
    if (sex === undefined || age === undefined) throw new Error(`unexpected sex or age: ${row.Sex}, ${row.Age}`);
    // Sark has no ISO code in the file; it gets its name as code.
    const geo = row.Iso3_code === '' ? row.Country.toUpperCase() : row.Iso3_code;
    countries.set(geo, row.Country);
    years.add(row.Year);
    const key = [geo, row.Year, sex.code, age.code].join('|');
    const existing = cells.get(key);
    if (existing !== undefined) {
      if (!existing.noteIds.includes(DUPLICATE_NOTE)) existing.noteIds.push(DUPLICATE_NOTE);
      continue;
    }
    const suppressed = row.txtVALUE === '<5';
    cells.set(key, {
      coordinates: { geo, time: row.Year, sex: sex.code, age: age.code },
      value: suppressed ? null : Number(row.txtVALUE.replaceAll(',', '')),
      flags: suppressed ? 'c' : '',
      noteIds: [],
    });
  }
  return {
    dataset: 'glotip_victims',
    title: 'Detected trafficking victims by country, year, sex and age (UNODC GLOTiP, 2023)',
    release: 1,
    releasedAt: '2023-05-30T00:00:00Z',
    measure: 'COUNT',
    unit: 'persons',
    dimensions: [
      {
        id: 'geo',
        label: 'Country',
        codes: [...countries].sort(([left], [right]) => left.localeCompare(right)).map(([code, label]) => ({ code, label })),
      },
      { id: 'time', label: 'Year', codes: [...years].sort().map((year) => ({ code: year, label: year })) },
      { id: 'sex', label: 'Sex', codes: Object.values(SEX_CODES) },
      { id: 'age', label: 'Age', codes: Object.values(AGE_CODES) },
    ],
    cells: [...cells.values()],
    notes: [{ id: DUPLICATE_NOTE, text: 'UNODC lists more than one value for this cell; the first is shown.' }],
    flagLabels: { c: 'confidential (fewer than 5, as UNODC publishes)' },
  };
}
