import { describe, expect, it } from '@jest/globals';
import JSONstat from 'jsonstat-toolkit';
import { canonicalFlags } from './observation-flag.js';
import type { FigureTable } from './figure-table.js';
import { stringifyJsonStat, toJsonStat } from './json-stat.writer.js';
import { errorCodeOf } from './testing/error-code.js';
import { smallTable } from './testing/figure-table.fixture.js';
import { glotipVictimsTable } from './testing/glotip-figure-table.js';

/** Reads the serialised text back with a third-party JSON-stat reader, as a client would. */
function readBack(table: FigureTable) {
  const dataset = JSONstat(JSON.parse(stringifyJsonStat(toJsonStat(table))) as object).Dataset(0);
  if (dataset === null) throw new Error('jsonstat-toolkit found no dataset');
  return dataset;
}

function expectEveryCellReadBack(table: FigureTable): void {
  const dataset = readBack(table);
  // One assertion over all cells: a mismatch lists the cells that differ, and thousands of cells stay fast.
  const mismatches = table.cells.flatMap((cell) => {
    const datum = dataset.Data(cell.coordinates);
    const read = { value: datum?.value, status: datum?.status ?? '' };
    const expected = { value: cell.value, status: canonicalFlags(cell.flags) };
    return read.value === expected.value && read.status === expected.status ? [] : [{ cell: cell.coordinates, read, expected }];
  });
  expect(mismatches).toEqual([]);
}

describe('toJsonStat', () => {
  it('writes the JSON-stat 2.0 dataset skeleton', () => {
    const dataset = toJsonStat(smallTable());
    expect(dataset.version).toBe('2.0');
    expect(dataset.class).toBe('dataset');
    expect(dataset.label).toBe('Registered victims by sex, "quarterly", provisional');
    expect(dataset.updated).toBe('2026-07-15T09:30:00Z');
    expect(dataset.id).toEqual(['geo', 'time', 'sex']);
    expect(dataset.size).toEqual([2, 3, 3]);
    expect(dataset.role).toEqual({ time: ['time'], geo: ['geo'] });
    expect(dataset.dimension.time).toEqual({
      label: 'Period',
      category: {
        index: { '2026-Q1': 0, '2026-Q2': 1, '2026': 2 },
        label: { '2026-Q1': '2026 Q1', '2026-Q2': '2026 Q2', '2026': '2026' },
      },
    });
  });

  it('writes a dense row-major value array with nulls, and status only where flags are', () => {
    const dataset = toJsonStat(smallTable());
    // geo AT: Q1 (TOTAL F M), Q2 (TOTAL F M), 2026 (TOTAL F M); then geo EL likewise.
    expect(dataset.value).toEqual([41, 30, null, 0, null, null, 55, null, null, 12, null, null, null, null, null, null, null, 7]);
    expect(dataset.status).toEqual({ '1': 'cu', '2': 'c', '3': 'bd', '6': 'pr', '9': 'p', '13': ':', '17': 'e' });
  });

  it('carries release, measure, notes per cell, flag labels and note texts in the extension', () => {
    const dataset = toJsonStat(smallTable());
    expect(dataset.note).toEqual([
      'Austria counts presumed victims from 2026; see "metadata".',
      'Break in series: new identification threshold.',
    ]);
    expect(dataset.extension).toEqual({
      release: 3,
      measure: 'COUNT',
      unit: 'persons',
      notes: { '0': ['N1'], '3': ['N1', 'N2'], '13': ['N2'] },
      noteTexts: {
        N1: 'Austria counts presumed victims from 2026; see "metadata".',
        N2: 'Break in series: new identification threshold.',
      },
      flagLabels: {
        ':': 'not available',
        c: '@confidential',
        p: 'provisional, to be revised',
        r: 'revised',
        e: 'estimated',
        b: 'break in time series',
        d: 'definition differs',
        u: 'low reliability',
      },
    });
  });

  it('names the population table of a rate and gives a unit dimension the metric role', () => {
    const table = smallTable();
    table.measure = 'RATE_PER_100K';
    table.populationTable = { id: 'demo_pjan', version: '2026-03-01' };
    table.dimensions.push({ id: 'unit', label: 'Unit', codes: [{ code: 'P_HTHAB', label: 'Per hundred thousand inhabitants' }] });
    for (const cell of table.cells) cell.coordinates.unit = 'P_HTHAB';
    table.cells[0].value = 0.0000123;
    const dataset = toJsonStat(table);
    expect(dataset.extension.populationTable).toEqual({ id: 'demo_pjan', version: '2026-03-01' });
    expect(dataset.role).toEqual({ time: ['time'], geo: ['geo'], metric: ['unit'] });
    expect(dataset.dimension.unit.category.unit).toEqual({ P_HTHAB: { label: 'Per hundred thousand inhabitants' } });
    expect(readBack(table).Data({ geo: 'EL', time: '2026-Q1', sex: 'TOTAL', unit: 'P_HTHAB' })?.value).toBe(0.0000123);
  });

  it('leaves out role, status and note when there is nothing to say', () => {
    const table: FigureTable = {
      ...smallTable(),
      dimensions: [{ id: 'sex', label: 'Sex', codes: [{ code: 'F', label: 'Female' }] }],
      cells: [{ coordinates: { sex: 'F' }, value: 3, flags: '', noteIds: [] }],
      notes: [],
      flagLabels: {},
    };
    const dataset = toJsonStat(table);
    expect(Object.keys(dataset)).toEqual(['version', 'class', 'label', 'updated', 'id', 'size', 'dimension', 'value', 'extension']);
    expect(dataset.extension.flagLabels).toEqual({});
  });

  it('is read back cell for cell by jsonstat-toolkit, labels and metadata included', () => {
    const table = smallTable();
    expectEveryCellReadBack(table);
    const dataset = readBack(table);
    expect(dataset.label).toBe(table.title);
    expect(dataset.updated).toBe(table.releasedAt);
    expect(dataset.id).toEqual(['geo', 'time', 'sex']);
    expect(dataset.Dimension('geo')?.Category('EL')?.label).toBe('Greece\n(Hellenic Republic) "EL"');
    expect(dataset.Dimension('sex')?.label).toBe('Sex');
    expect(dataset.Dimension('time')?.role).toBe('time');
    // A combination without a cell reads as absent.
    expect(dataset.Data({ geo: 'EL', time: '2026-Q2', sex: 'M' })).toEqual({ value: null, status: null });
  });

  it('is read back by jsonstat-toolkit for every cell of real UNODC data', () => {
    const table = glotipVictimsTable();
    expect(table.cells.length).toBeGreaterThan(12_000);
    expectEveryCellReadBack(table);
  });

  it('refuses a dense array above the limit before allocating it', () => {
    expect(errorCodeOf(() => toJsonStat(smallTable(), { maxPositions: 17 }))).toBe('TOO_LARGE');
    expect(toJsonStat(smallTable(), { maxPositions: 18 }).value).toHaveLength(18);
  });

  it('stringifies to compact JSON that parses back to the same dataset', () => {
    const dataset = toJsonStat(smallTable());
    const text = stringifyJsonStat(dataset);
    expect(text).not.toContain('\n  ');
    expect(JSON.parse(text)).toEqual(dataset);
  });
});
