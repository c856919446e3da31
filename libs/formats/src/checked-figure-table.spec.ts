import { describe, expect, it } from '@jest/globals';
import { cellKey, checkFigureTable } from './checked-figure-table.js';
import type { FigureTable } from './figure-table.js';
import { errorCodeOf } from './testing/error-code.js';
import { smallTable } from './testing/figure-table.fixture.js';

function withChange(change: (table: FigureTable) => void): FigureTable {
  const table = smallTable();
  change(table);
  return table;
}

describe('checkFigureTable', () => {
  it('orders cells row-major over the dimensions, last dimension fastest', () => {
    const checked = checkFigureTable(smallTable());
    expect(checked.cells.map((cell) => cell.codes.join(' '))).toEqual([
      'AT 2026-Q1 TOTAL',
      'AT 2026-Q1 F',
      'AT 2026-Q1 M',
      'AT 2026-Q2 TOTAL',
      'AT 2026 TOTAL',
      'EL 2026-Q1 TOTAL',
      'EL 2026-Q2 F',
      'EL 2026 M',
    ]);
    expect(checked.cells[0].positions).toEqual([0, 0, 0]);
    expect(checked.cells[7].positions).toEqual([1, 2, 2]);
  });

  it('writes flags canonically and builds a legend of every used or labelled flag', () => {
    const checked = checkFigureTable(smallTable());
    expect(checked.cells.map((cell) => cell.flagText)).toEqual(['', 'cu', 'c', 'bd', 'pr', 'p', ':', 'e']);
    expect([...checked.flagLegend]).toEqual([
      [':', 'not available'],
      ['b', 'break in time series'],
      ['c', '@confidential'],
      ['d', 'definition differs'],
      ['e', 'estimated'],
      ['p', 'provisional, to be revised'],
      ['r', 'revised'],
      ['u', 'low reliability'],
    ]);
  });

  it('keys a cell by its codes, not by its positions', () => {
    const [first] = checkFigureTable(smallTable()).cells;
    expect(cellKey(first)).toBe('["AT","2026-Q1","TOTAL"]');
  });

  it('does not change the table it checks', () => {
    const table = smallTable();
    checkFigureTable(table);
    expect(table).toEqual(smallTable());
  });

  const invalidTables: [string, (table: FigureTable) => void][] = [
    ['no dimensions', (table) => (table.dimensions = [])],
    ['a repeated dimension', (table) => table.dimensions.push({ ...table.dimensions[0] })],
    ['a dimension without codes', (table) => (table.dimensions[2].codes = [])],
    ['a repeated code', (table) => table.dimensions[0].codes.push({ code: 'AT', label: 'again' })],
    ['an empty code', (table) => table.dimensions[0].codes.push({ code: '', label: 'blank' })],
    ['a time code that is not a period', (table) => table.dimensions[1].codes.push({ code: '2026Q3', label: 'x' })],
    ['a month as time code', (table) => table.dimensions[1].codes.push({ code: '2026-M01', label: 'x' })],
    ['release 0', (table) => (table.release = 0)],
    ['a fractional release', (table) => (table.release = 1.5)],
    ['a date without time', (table) => (table.releasedAt = '2026-07-15')],
    ['a timestamp without zone', (table) => (table.releasedAt = '2026-07-15T09:30:00')],
    ['an impossible timestamp', (table) => (table.releasedAt = '2026-13-45T09:30:00Z')],
    ['a rate without population table', (table) => (table.measure = 'RATE_PER_100K')],
    ['a cell missing a coordinate', (table) => delete table.cells[0].coordinates.sex],
    ['a cell with an extra coordinate', (table) => (table.cells[0].coordinates.age = 'TOTAL')],
    ['a cell with an unknown code', (table) => (table.cells[0].coordinates.geo = 'FR')],
    [
      'a cell coordinate named after a prototype member',
      (table) => {
        table.dimensions[2].id = 'constructor';
        for (const cell of table.cells) delete cell.coordinates.sex;
        table.cells[0].coordinates.other = 'TOTAL';
      },
    ],
    ['two cells with the same coordinates', (table) => table.cells.push({ ...table.cells[0], value: 13 })],
    ['a negative value', (table) => (table.cells[0].value = -1)],
    ['a fractional count', (table) => (table.cells[0].value = 1.5)],
    ['a NaN value', (table) => (table.cells[0].value = Number.NaN)],
    ['an infinite value', (table) => (table.cells[0].value = Number.POSITIVE_INFINITY)],
    ['an unknown note', (table) => table.cells[0].noteIds.push('N9')],
    ['a note attached twice', (table) => table.cells[1].noteIds.push('N1')],
    ['a repeated note id', (table) => table.notes.push({ id: 'N1', text: 'again' })],
    ['a note id with a separator', (table) => (table.notes[0].id = 'N;1')],
    ['an empty flag label', (table) => (table.flagLabels.c = ' ')],
  ];

  it.each(invalidTables)('refuses %s', (_, change) => {
    expect(errorCodeOf(() => checkFigureTable(withChange(change)))).toBe('INVALID_TABLE');
  });

  it('refuses unknown flags in cells and in flag labels', () => {
    expect(errorCodeOf(() => checkFigureTable(withChange((table) => (table.cells[0].flags = 'x'))))).toBe('UNKNOWN_FLAG');
    expect(errorCodeOf(() => checkFigureTable(withChange((table) => (table.flagLabels.f = 'forecast'))))).toBe('UNKNOWN_FLAG');
  });

  it('accepts a rate with a population table and a fractional value', () => {
    const table = withChange((candidate) => {
      candidate.measure = 'RATE_PER_100K';
      candidate.populationTable = { id: 'demo_pjan', version: '2026-03-01' };
      candidate.cells[0].value = 0.4567;
    });
    expect(checkFigureTable(table).cells.find((cell) => cell.codes[0] === 'EL')?.value).toBe(0.4567);
  });

  it('accepts a value carrying a member flag, as country groups do', () => {
    const table = withChange((candidate) => (candidate.cells[0].flags = 'c'));
    expect(checkFigureTable(table).cells.find((cell) => cell.codes.join() === 'EL,2026-Q1,TOTAL')?.flagText).toBe('c');
  });

  it('says which cell broke which rule', () => {
    const table = withChange((candidate) => (candidate.cells[0].value = -987654));
    expect(() => checkFigureTable(table)).toThrow('cell 0: value -987654 is not a finite non-negative number');
  });
});
