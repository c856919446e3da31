import { describe, expect, it } from '@jest/globals';
import type { CountCell, CountCube, PublishedCell } from '../cube/cube.js';
import { TOTAL, flatDimension, independentDimension, multiResponseDimension } from '../cube/dimension.js';
import { DisclosureException } from '../disclosure.exception.js';
import { NO_FLAGS, flagsOf } from '../flags/observation-flags.js';
import { auditSuppression } from './audit-suppression.js';

/** A two-way table rows x columns with margins, from its inner cells. */
function twoWay(inner: number[][]): CountCube {
  const rows = inner.map((_, index) => `r${index}`);
  const columns = inner[0]!.map((_, index) => `c${index}`);
  const cells: CountCell[] = [];
  const rowCodes = [...rows, TOTAL];
  const columnCodes = [...columns, TOTAL];
  rowCodes.forEach((row, r) =>
    columnCodes.forEach((column, c) => {
      const rowRange = r < rows.length ? [r] : rows.map((_, index) => index);
      const columnRange = c < columns.length ? [c] : columns.map((_, index) => index);
      const count = rowRange.reduce((sum, i) => sum + columnRange.reduce((inside, j) => inside + inner[i]![j]!, 0), 0);
      cells.push({ coordinates: [row, column], count });
    }),
  );
  return { dimensions: [flatDimension('row', rows), flatDimension('column', columns)], cells };
}

function suppress(cube: CountCube, hidden: string[][]): PublishedCell[] {
  const keys = new Set(hidden.map((coordinates) => coordinates.join('|')));
  return cube.cells.map(({ coordinates, count }) =>
    keys.has(coordinates.join('|')) ? { coordinates, value: null, flags: flagsOf('c') } : { coordinates, value: count, flags: NO_FLAGS },
  );
}

describe('auditSuppression', () => {
  const cube = twoWay([
    [2, 7, 9],
    [6, 3, 8],
  ]);

  it('pins a cell that is the only one suppressed in its row', () => {
    const audit = auditSuppression(cube, suppress(cube, [['r0', 'c0']]));
    expect(audit.intervals).toEqual([{ coordinates: ['r0', 'c0'], count: 2, min: 2, max: 2, exact: true }]);
    expect(audit.pinned).toHaveLength(1);
  });

  it('gives the interval of a rectangle of four suppressed cells', () => {
    // a + b = 9, c + d = 9, a + c = 8, b + d = 10, each at least 1: c = 8 - a >= 1 caps a at 7.
    const audit = auditSuppression(
      cube,
      suppress(cube, [
        ['r0', 'c0'],
        ['r0', 'c1'],
        ['r1', 'c0'],
        ['r1', 'c1'],
      ]),
    );
    expect(audit.pinned).toEqual([]);
    expect(audit.intervals.map(({ coordinates, min, max }) => [coordinates.join('.'), min, max])).toEqual([
      ['r0.c0', 1, 7],
      ['r0.c1', 2, 8],
      ['r1.c0', 1, 7],
      ['r1.c1', 2, 8],
    ]);
  });

  it('uses zero as the floor when told suppressed cells may be zero', () => {
    const audit = auditSuppression(
      cube,
      suppress(cube, [
        ['r0', 'c0'],
        ['r0', 'c1'],
        ['r1', 'c0'],
        ['r1', 'c1'],
      ]),
      {
        suppressedCellsAreNonZero: false,
      },
    );
    expect(audit.intervals.map(({ min, max }) => [min, max])).toEqual([
      [0, 8],
      [1, 9],
      [0, 8],
      [1, 9],
    ]);
  });

  it('pins two suppressed cells of 1 that must sum to 2', () => {
    const ones = twoWay([
      [1, 1, 9],
      [6, 3, 8],
    ]);
    const audit = auditSuppression(
      ones,
      suppress(ones, [
        ['r0', 'c0'],
        ['r0', 'c1'],
        ['r1', 'c0'],
        ['r1', 'c1'],
      ]),
    );
    // r0c0 + r0c1 = 2 with both >= 1 pins both, and then the column margins pin the cells below them.
    expect(audit.pinned.map(({ coordinates }) => coordinates.join('.'))).toEqual(['r0.c0', 'r0.c1', 'r1.c0', 'r1.c1']);
  });

  it('knows nothing about a cell of an independent dimension with no relation', () => {
    const cube1: CountCube = { dimensions: [independentDimension('time', ['Q1', 'Y'])], cells: [{ coordinates: ['Q1'], count: 2 }] };
    const audit = auditSuppression(cube1, [
      { coordinates: ['Q1'], value: null, flags: flagsOf('c') },
      { coordinates: ['Y'], value: 0, flags: NO_FLAGS },
    ]);
    expect(audit.intervals[0]).toMatchObject({ min: 1, max: Infinity });
  });

  it('bounds multi-response cells by their total without assuming a sum', () => {
    const exploit: CountCube = {
      dimensions: [multiResponseDimension('exploit', ['SEXUAL', 'LABOUR', 'OTHER'])],
      cells: [
        { coordinates: ['SEXUAL'], count: 6 },
        { coordinates: ['LABOUR'], count: 3 },
        { coordinates: ['OTHER'], count: 2 },
        { coordinates: [TOTAL], count: 9 },
      ],
    };
    const audit = auditSuppression(exploit, suppress(exploit, [['LABOUR'], ['OTHER']]));
    // TOTAL <= SEXUAL + LABOUR + OTHER gives LABOUR + OTHER >= 3; each is at most TOTAL = 9.
    expect(audit.intervals.map(({ min, max }) => [min, max])).toEqual([
      [1, 9],
      [1, 9],
    ]);
    const pinned = auditSuppression(exploit, suppress(exploit, [[TOTAL]]));
    expect(pinned.intervals[0]).toMatchObject({ min: 6, max: 11 });
  });

  it('refuses a connected part larger than allowed instead of running for hours', () => {
    // Six suppressed cells in a 2 x 3 block: each column ties its two cells, so three unknowns remain.
    const published = suppress(cube, [
      ['r0', 'c0'],
      ['r0', 'c1'],
      ['r0', 'c2'],
      ['r1', 'c0'],
      ['r1', 'c1'],
      ['r1', 'c2'],
    ]);
    expect(() => auditSuppression(cube, published, { maxAuditedCellsPerPart: 2 })).toThrow(
      expect.objectContaining({ code: 'AUDIT_TOO_LARGE', httpStatus: 429 }),
    );
    expect(auditSuppression(cube, published, { maxAuditedCellsPerPart: 3 }).intervals).toHaveLength(6);
  });

  it('rejects published cells that do not match the cube or contradict it', () => {
    const published = suppress(cube, [['r0', 'c0']]);
    expect(() => auditSuppression(cube, published.slice(1))).toThrow(DisclosureException);
    const contradictory = published.map((cell) => (cell.coordinates.join('.') === 'r0.TOTAL' ? { ...cell, value: 1 } : cell));
    expect(() => auditSuppression(cube, contradictory)).toThrow(DisclosureException);
  });
});
