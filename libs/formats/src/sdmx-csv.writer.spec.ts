import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { FigureTable } from './figure-table.js';
import { canonicalFlags } from './observation-flag.js';
import { diffSdmxCsv, toSdmxCsv, type SdmxCsvOptions } from './sdmx-csv.writer.js';
import { errorCodeOf } from './testing/error-code.js';
import { smallTable } from './testing/figure-table.fixture.js';
import { glotipVictimsTable } from './testing/glotip-figure-table.js';

const OPTIONS: SdmxCsvOptions = { agency: 'THB_OBS', version: '1.0.0' };

function records(chunks: Iterable<string>): Record<string, string>[] {
  return parse([...chunks].join(''), { columns: true }) as Record<string, string>[];
}

/** Cells as read back from SDMX-CSV rows, keyed like the input for comparison. */
function cellsOf(rows: Record<string, string>[], dimensionIds: string[]): ReadCell[] {
  return rows.map((row) => ({
    key: dimensionIds.map((id) => (id === 'time' ? row.TIME_PERIOD : row[id.toUpperCase()])).join('|'),
    value: row.OBS_VALUE === '' ? null : Number(row.OBS_VALUE),
    flags: row.OBS_FLAG,
    confidential: row.CONF_STATUS,
  }));
}

function expected(table: FigureTable): ReadCell[] {
  const ids = table.dimensions.map((dimension) => dimension.id);
  return table.cells.map((cell) => ({
    key: ids.map((id) => cell.coordinates[id]).join('|'),
    value: cell.value,
    flags: canonicalFlags(cell.flags),
    confidential: cell.flags.includes('c') ? 'C' : 'F',
  }));
}

interface ReadCell {
  key: string;
  value: number | null;
  flags: string;
  confidential: string;
}

/** Cells that differ between two lists, by key: one assertion that stays fast and readable for 12,000 cells. */
function differences(actual: ReadCell[], wanted: ReadCell[]): string[] {
  const text = (cell: ReadCell | undefined): string => JSON.stringify(cell ?? null);
  const actualByKey = new Map(actual.map((cell) => [cell.key, cell]));
  const wantedByKey = new Map(wanted.map((cell) => [cell.key, cell]));
  const keys = new Set([...actualByKey.keys(), ...wantedByKey.keys()]);
  const found = [...keys].filter((key) => text(actualByKey.get(key)) !== text(wantedByKey.get(key)));
  if (actual.length !== actualByKey.size) found.push('a key appears twice in the output');
  return found.map((key) => `${key}: read ${text(actualByKey.get(key))}, expected ${text(wantedByKey.get(key))}`);
}

describe('toSdmxCsv', () => {
  it('writes the SDMX-CSV 2.0 header and one I row per cell, time last, in row-major order', () => {
    const text = [...toSdmxCsv(smallTable(), OPTIONS)].join('');
    expect(text.split('\r\n')).toEqual([
      'STRUCTURE,STRUCTURE_ID,ACTION,GEO,SEX,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,AT,TOTAL,2026-Q1,41,,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,AT,F,2026-Q1,30,cu,C',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,AT,M,2026-Q1,,c,C',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,AT,TOTAL,2026-Q2,0,bd,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,AT,TOTAL,2026,55,pr,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,EL,TOTAL,2026-Q1,12,p,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,EL,F,2026-Q2,,:,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),I,EL,M,2026,7,e,F',
      '',
    ]);
  });

  it('round-trips through a standard CSV parser: every value and flag equals the input', () => {
    const table = smallTable();
    const rows = records(toSdmxCsv(table, OPTIONS));
    expect(differences(cellsOf(rows, ['geo', 'time', 'sex']), expected(table))).toEqual([]);
    expect(rows).toHaveLength(table.cells.length);
  });

  it('round-trips every cell of real UNODC data and streams it in several chunks', () => {
    const table = glotipVictimsTable();
    const chunks = [...toSdmxCsv(table, OPTIONS)];
    expect(chunks.length).toBeGreaterThan(5);
    const rows = records(chunks);
    expect(rows).toHaveLength(12_069);
    expect(rows.filter((row) => row.CONF_STATUS === 'C')).toHaveLength(4_474);
    expect(rows.reduce((sum, row) => sum + Number(row.OBS_VALUE), 0)).toBe(1_413_812);
    expect(differences(cellsOf(rows, ['geo', 'time', 'sex', 'age']), expected(table))).toEqual([]);
    expect(new Set(rows.map((row) => row.STRUCTURE_ID))).toEqual(new Set(['THB_OBS:GLOTIP_VICTIMS(1.0.0)']));
  });

  it('writes rates as plain decimals', () => {
    const table = smallTable();
    table.measure = 'RATE_PER_MILLION';
    table.populationTable = { id: 'demo_pjan', version: '2026' };
    table.cells[1].value = 0.000000421;
    const rows = records(toSdmxCsv(table, OPTIONS));
    expect(rows.find((row) => row.GEO === 'AT' && row.SEX === 'TOTAL' && row.TIME_PERIOD === '2026-Q1')?.OBS_VALUE).toBe('0.000000421');
  });

  it('checks options and table before the first chunk', () => {
    expect(errorCodeOf(() => toSdmxCsv(smallTable(), { agency: 'THB OBS', version: '1.0' }))).toBe('INVALID_OPTION');
    expect(errorCodeOf(() => toSdmxCsv(smallTable(), { agency: '1THB', version: '1.0' }))).toBe('INVALID_OPTION');
    expect(errorCodeOf(() => toSdmxCsv(smallTable(), { agency: 'THB_OBS', version: 'v1' }))).toBe('INVALID_OPTION');
    expect(errorCodeOf(() => toSdmxCsv(smallTable(), { agency: 'THB_OBS', version: '1.0,1' }))).toBe('INVALID_OPTION');
    const withoutTime: FigureTable = { ...smallTable(), dimensions: smallTable().dimensions.filter((d) => d.id !== 'time'), cells: [] };
    expect(errorCodeOf(() => toSdmxCsv(withoutTime, OPTIONS))).toBe('INVALID_TABLE');
    const badCode = smallTable();
    badCode.dimensions[0].codes[0] = { code: 'A,T', label: 'Austria' };
    for (const cell of badCode.cells) if (cell.coordinates.geo === 'AT') cell.coordinates.geo = 'A,T';
    expect(errorCodeOf(() => toSdmxCsv(badCode, OPTIONS))).toBe('INVALID_TABLE');
    const clash = smallTable();
    clash.dimensions[0].id = 'obs_value';
    for (const cell of clash.cells)
      cell.coordinates = { obs_value: cell.coordinates.geo, time: cell.coordinates.time, sex: cell.coordinates.sex };
    expect(errorCodeOf(() => toSdmxCsv(clash, OPTIONS))).toBe('INVALID_TABLE');
    const badDataset = { ...smallTable(), dataset: 'victims sex' };
    expect(errorCodeOf(() => toSdmxCsv(badDataset, OPTIONS))).toBe('INVALID_TABLE');
  });
});

describe('diffSdmxCsv', () => {
  function nextRelease(): FigureTable {
    const table = smallTable();
    table.release = 4;
    table.releasedAt = '2026-10-15T09:30:00Z';
    return table;
  }

  it('writes R rows for changed and new cells, D rows for cells gone, nothing for unchanged cells', () => {
    const previous = smallTable();
    const current = nextRelease();
    const cellAt = (table: FigureTable, geo: string, time: string, sex: string) => {
      const found = table.cells.find((c) => c.coordinates.geo === geo && c.coordinates.time === time && c.coordinates.sex === sex);
      if (found === undefined) throw new Error('fixture cell missing');
      return found;
    };
    cellAt(current, 'AT', '2026-Q1', 'TOTAL').value = 40; // value revised
    cellAt(current, 'AT', '2026', 'TOTAL').flags = 'r'; // flags changed, value same
    cellAt(current, 'AT', '2026-Q1', 'F').flags = 'cu'; // same flag set, written differently: unchanged
    cellAt(current, 'AT', '2026-Q1', 'M').value = 6; // released after suppression
    cellAt(current, 'AT', '2026-Q1', 'M').flags = '';
    current.cells = current.cells.filter((c) => !(c.coordinates.geo === 'EL' && c.coordinates.time === '2026')); // revoked
    current.cells.push({ coordinates: { geo: 'EL', time: '2026-Q2', sex: 'M' }, value: 3, flags: 'u', noteIds: [] }); // new

    const text = [...diffSdmxCsv(previous, current, OPTIONS)].join('');
    expect(text.split('\r\n')).toEqual([
      'STRUCTURE,STRUCTURE_ID,ACTION,GEO,SEX,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),R,AT,TOTAL,2026-Q1,40,,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),R,AT,M,2026-Q1,6,,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),R,AT,TOTAL,2026,55,r,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),R,EL,M,2026-Q2,3,u,F',
      'dataflow,THB_OBS:VICTIMS_SEX_AGE(1.0.0),D,EL,M,2026,,,',
      '',
    ]);
  });

  it('writes a header only when nothing changed', () => {
    expect(records(diffSdmxCsv(smallTable(), nextRelease(), OPTIONS))).toEqual([]);
  });

  it('deletes cells whose codes the new release no longer lists', () => {
    const current = nextRelease();
    current.dimensions[0].codes = current.dimensions[0].codes.filter((code) => code.code !== 'EL');
    current.cells = current.cells.filter((cell) => cell.coordinates.geo !== 'EL');
    const rows = records(diffSdmxCsv(smallTable(), current, OPTIONS));
    expect(rows.map((row) => `${row.ACTION} ${row.GEO} ${row.SEX} ${row.TIME_PERIOD}`)).toEqual([
      'D EL TOTAL 2026-Q1',
      'D EL F 2026-Q2',
      'D EL M 2026',
    ]);
  });

  it('replays a release: applying the diff to the previous release gives the current one (real data)', () => {
    const previous = glotipVictimsTable();
    const current = glotipVictimsTable();
    current.release = 2;
    // A revocation-like change every 97th cell, a revision every 89th, a suppression every 83rd.
    current.cells = current.cells.filter((_, index) => index % 97 !== 0);
    current.cells.forEach((cell, index) => {
      if (index % 89 === 0 && cell.value !== null) cell.value += 1;
      if (index % 83 === 0) Object.assign(cell, { value: null, flags: 'c' });
    });

    const state = new Map(expected(previous).map((cell) => [cell.key, cell]));
    const rows = records(diffSdmxCsv(previous, current, OPTIONS));
    const changes = cellsOf(rows, ['geo', 'time', 'sex', 'age']);
    rows.forEach((row, index) => {
      if (row.ACTION === 'D') state.delete(changes[index].key);
      else state.set(changes[index].key, changes[index]);
    });
    expect(differences([...state.values()], expected(current))).toEqual([]);
    expect(new Set(rows.map((row) => row.ACTION))).toEqual(new Set(['R', 'D']));
    expect(rows.length).toBeLessThan(previous.cells.length / 20);
  });

  it('refuses to diff different datasets, dimensions or a release that is not later', () => {
    const otherDataset = { ...nextRelease(), dataset: 'protection' };
    expect(errorCodeOf(() => diffSdmxCsv(smallTable(), otherDataset, OPTIONS))).toBe('INCOMPATIBLE_TABLES');
    const reordered = nextRelease();
    reordered.dimensions.reverse();
    expect(errorCodeOf(() => diffSdmxCsv(smallTable(), reordered, OPTIONS))).toBe('INCOMPATIBLE_TABLES');
    expect(errorCodeOf(() => diffSdmxCsv(nextRelease(), smallTable(), OPTIONS))).toBe('INCOMPATIBLE_TABLES');
    expect(errorCodeOf(() => diffSdmxCsv(smallTable(), smallTable(), OPTIONS))).toBe('INCOMPATIBLE_TABLES');
  });
});
