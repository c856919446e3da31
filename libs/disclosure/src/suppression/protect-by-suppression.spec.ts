import { describe, expect, it } from '@jest/globals';
import { aggregateCube } from '../cube/aggregate-cube.js';
import { cubeLayout } from '../cube/cube-layout.js';
import { SUM_RELATION, deriveRelations } from '../cube/cube-relations.js';
import type { CountCell, CountCube, PublishedCell } from '../cube/cube.js';
import { TOTAL, flatDimension, independentDimension } from '../cube/dimension.js';
import type { Dimension } from '../cube/dimension.js';
import { DisclosureException } from '../disclosure.exception.js';
import { auditSuppression } from './audit-suppression.js';
import { protectBySuppression } from './protect-by-suppression.js';

/** Deterministic skewed records over the given dimensions (first leaves are common, last ones rare). */
function skewedCube(dimensions: Dimension[], records: number, seed: number): CountCube {
  let state = seed;
  const random = (limit: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * limit);
  };
  return aggregateCube(
    dimensions,
    Array.from({ length: records }, () => ({
      key: 0n,
      coordinates: dimensions.map((dimension) => {
        const codes = dimension.kind === 'independent' ? dimension.codes : dimension.leaves;
        return [codes[Math.min(random(codes.length), random(codes.length))]!];
      }),
    })),
  );
}

const dimensions: Dimension[] = [
  flatDimension('geo', ['AT', 'BE', 'CY', 'DK']),
  flatDimension('sex', ['F', 'M', 'UNK']),
  flatDimension('age', ['Y0-17', 'Y18-34', 'Y_GE35']),
];

function suppressedSet(published: readonly PublishedCell[]): Set<number> {
  return new Set(published.flatMap((cell, index) => (cell.value === null ? [index] : [])));
}

describe('protectBySuppression', () => {
  const cube = skewedCube(dimensions, 120, 7);
  const published = protectBySuppression(cube, { k: 5 });
  const suppressed = suppressedSet(published);

  it('suppresses every cell with 0 < n < k, never a zero, and publishes the rest as counted', () => {
    cube.cells.forEach((cell: CountCell, index) => {
      const cellPublished = published[index]!;
      expect(cellPublished.coordinates).toEqual(cell.coordinates);
      if (cell.count > 0 && cell.count < 5) expect(cellPublished).toMatchObject({ value: null, flags: 'c' });
      if (cell.count === 0) expect(cellPublished).toMatchObject({ value: 0, flags: '' });
      if (cellPublished.value !== null) expect(cellPublished).toMatchObject({ value: cell.count, flags: '' });
    });
    expect(suppressed.size).toBeGreaterThan(cube.cells.filter((cell) => cell.count > 0 && cell.count < 5).length);
  });

  it('leaves no margin relation with exactly one suppressed cell, or with two where one is a 1', () => {
    const relations = deriveRelations(cubeLayout(dimensions));
    for (let relation = 0; relation < relations.count; relation++) {
      expect(relations.kinds[relation]).toBe(SUM_RELATION);
      const cells = Array.from(relations.cells.subarray(relations.offsets[relation]!, relations.offsets[relation + 1]!));
      const hidden = cells.filter((cell) => suppressed.has(cell));
      expect(hidden.length).not.toBe(1);
      if (hidden.length === 2) expect(hidden.some((cell) => cube.cells[cell]!.count === 1)).toBe(false);
    }
  });

  it('leaves nothing the exact auditor can pin', () => {
    expect(auditSuppression(cube, published).pinned).toEqual([]);
  });

  it('prefers ordinary cells to the grand total', () => {
    const grandTotal = cube.cells.findIndex((cell) => cell.coordinates.every((code) => code === TOTAL));
    expect(suppressed.has(grandTotal)).toBe(false);
  });

  it('without the audit applies the rules only, which can leave cells pinned through several relations', () => {
    let pinnedByRulesOnly = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const candidate = skewedCube(
        [flatDimension('a', ['a0', 'a1', 'a2']), flatDimension('b', ['b0', 'b1', 'b2']), flatDimension('c', ['c0', 'c1'])],
        40,
        seed,
      );
      const rulesOnly = protectBySuppression(candidate, { k: 5, audit: false });
      const audited = protectBySuppression(candidate, { k: 5 });
      // The audited pattern extends the rules-only one.
      for (const cell of suppressedSet(rulesOnly)) expect(audited[cell]!.value).toBeNull();
      expect(auditSuppression(candidate, audited).pinned).toEqual([]);
      if (auditSuppression(candidate, rulesOnly).pinned.length > 0) pinnedByRulesOnly += 1;
    }
    expect(pinnedByRulesOnly).toBeGreaterThan(0);
  });

  it('suppresses within each period of an independent time dimension separately', () => {
    const withTime = skewedCube([flatDimension('sex', ['F', 'M']), independentDimension('time', ['Q1', 'Q2', 'Y'])], 60, 3);
    const release = protectBySuppression(withTime, { k: 5 });
    expect(auditSuppression(withTime, release).pinned).toEqual([]);
  });

  it('is deterministic and accepts sparse cubes', () => {
    const sparse = { dimensions, cells: cube.cells.filter((cell) => cell.count > 0) };
    expect(JSON.stringify(protectBySuppression(sparse, { k: 5 }))).toBe(JSON.stringify(published));
  });

  it('rejects a threshold that is not a positive integer', () => {
    expect(() => protectBySuppression(cube, { k: 0 })).toThrow(DisclosureException);
    expect(() => protectBySuppression(cube, { k: 2.5 })).toThrow(DisclosureException);
  });
});
