import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { FigureTable } from './figure-table.js';
import { toCsv } from './labelled-csv.writer.js';
import { canonicalFlags, flagLabelsOf } from './observation-flag.js';
import { errorCodeOf } from './testing/error-code.js';
import { smallTable } from './testing/figure-table.fixture.js';
import { glotipVictimsTable } from './testing/glotip-figure-table.js';

function records(chunks: Iterable<string>): Record<string, string>[] {
  return parse([...chunks].join(''), { columns: true, bom: true }) as Record<string, string>[];
}

/** What a spreadsheet user sees as text: the defusing apostrophe is a display convention, not data. */
const undefused = (field: string): string => (/^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field);

describe('toCsv', () => {
  it('writes a code and a label column per dimension, then value, flags, flag labels and note ids', () => {
    const [header] = [...toCsv(smallTable())].join('').split('\r\n');
    expect(header).toBe('geo,geo_label,time,time_label,sex,sex_label,value,flags,flag_labels,note_ids');
  });

  it('quotes commas, quotes and line breaks in labels and defuses formula-like labels', () => {
    const text = [...toCsv(smallTable())].join('');
    expect(text).toContain('AT,"Austria, Republic of",2026-Q1,2026 Q1,TOTAL,\'=SUM(A1:A9),41,,,N1\r\n');
    expect(text).toContain('AT,"Austria, Republic of",2026-Q1,2026 Q1,F,\'+Female,30,cu,\'@confidential; low reliability,\r\n');
    expect(text).toContain('AT,"Austria, Republic of",2026,2026,TOTAL,\'=SUM(A1:A9),55,pr,"provisional, to be revised; revised",\r\n');
    expect(text).toContain('EL,"Greece\n(Hellenic Republic) ""EL""",2026-Q2,2026 Q2,F,\'+Female,,:,not available,N2\r\n');
    expect(text).toContain(
      'AT,"Austria, Republic of",2026-Q2,2026 Q2,TOTAL,\'=SUM(A1:A9),0,bd,break in time series; definition differs,N1; N2\r\n',
    );
    // No field a spreadsheet would evaluate is left: every field starting with a formula character is prefixed.
    const fields = (parse(text) as string[][]).flat();
    expect(fields.filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
  });

  it('round-trips through a standard CSV parser: codes, labels, values and flags equal the input', () => {
    const table = smallTable();
    const rows = records(toCsv(table));
    expect(rows).toHaveLength(table.cells.length);
    const labelOf = (dimension: number, code: string): string | undefined =>
      table.dimensions[dimension].codes.find((candidate) => candidate.code === code)?.label;
    const read = rows.map((row) => ({
      coordinates: { geo: row.geo, time: row.time, sex: row.sex },
      labels: [undefused(row.geo_label), undefused(row.time_label), undefused(row.sex_label)],
      value: row.value === '' ? null : Number(row.value),
      flags: row.flags,
      flagLabels: undefused(row.flag_labels),
      noteIds: row.note_ids === '' ? [] : row.note_ids.split('; '),
    }));
    const wanted = table.cells.map((cell) => ({
      coordinates: cell.coordinates,
      labels: [labelOf(0, cell.coordinates.geo), labelOf(1, cell.coordinates.time), labelOf(2, cell.coordinates.sex)],
      value: cell.value,
      flags: canonicalFlags(cell.flags),
      flagLabels: flagLabelsOf(cell.flags, table.flagLabels).join('; '),
      noteIds: cell.noteIds,
    }));
    const order = (row: { coordinates: Record<string, string> }): string => JSON.stringify(row.coordinates);
    expect(read.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(wanted.sort((a, b) => order(a).localeCompare(order(b))));
    expect(rows.find((row) => row.flags === 'pr')?.flag_labels).toBe('provisional, to be revised; revised');
  });

  it('round-trips every cell of real UNODC data, country names with apostrophes and parentheses included', () => {
    const table = glotipVictimsTable();
    const rows = records(toCsv(table));
    const labels = new Map(table.dimensions[0].codes.map(({ code, label }) => [code, label]));
    const readBack = new Map(rows.map((row) => [`${row.geo}|${row.time}|${row.sex}|${row.age}`, row]));
    expect(readBack.size).toBe(table.cells.length);
    const mismatches = table.cells.filter((cell) => {
      const { geo, time, sex, age } = cell.coordinates;
      const row = readBack.get(`${geo}|${time}|${sex}|${age}`);
      return (
        row === undefined ||
        row.geo_label !== labels.get(geo) ||
        (row.value === '' ? null : Number(row.value)) !== cell.value ||
        row.flags !== cell.flags ||
        row.note_ids !== cell.noteIds.join('; ')
      );
    });
    expect(mismatches).toEqual([]);
    expect(rows.find((row) => row.geo === 'BOL')?.geo_label).toBe('Bolivia (Plurinational State of)');
    expect(rows.find((row) => row.geo === 'LAO')?.geo_label).toBe("Lao People's Democratic Republic");
    expect(rows.filter((row) => row.note_ids === 'GLOTIP_DUP')).toHaveLength(24);
  });

  it('starts with a UTF-8 byte order mark only when asked', () => {
    expect([...toCsv(smallTable())][0].startsWith('geo,')).toBe(true);
    const [first] = [...toCsv(smallTable(), { byteOrderMark: true })];
    expect(first.startsWith('\uFEFFgeo,')).toBe(true);
    expect(Buffer.from(first, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(records([first])).toHaveLength(smallTable().cells.length);
  });

  it('refuses a table whose columns would collide, before the first chunk', () => {
    const collision: FigureTable = smallTable();
    collision.dimensions[2].id = 'geo_label';
    for (const cell of collision.cells) {
      cell.coordinates = { geo: cell.coordinates.geo, time: cell.coordinates.time, geo_label: cell.coordinates.sex };
    }
    expect(errorCodeOf(() => toCsv(collision))).toBe('INVALID_TABLE');
    const valueDimension: FigureTable = {
      ...smallTable(),
      dimensions: [{ id: 'value', label: 'v', codes: [{ code: 'X', label: 'x' }] }],
      cells: [],
    };
    expect(errorCodeOf(() => toCsv(valueDimension))).toBe('INVALID_TABLE');
  });
});
