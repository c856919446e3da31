import { describe, expect, it } from '@jest/globals';
import { aggregateCube } from '../cube/aggregate-cube.js';
import type { RecordContribution } from '../cube/aggregate-cube.js';
import { flatDimension, independentDimension } from '../cube/dimension.js';
import type { Dimension } from '../cube/dimension.js';
import { DisclosureException } from '../disclosure.exception.js';
import { CELL_KEY_MODULUS, recordKey } from './cell-key.js';
import { perturb } from './perturb.js';
import { EXAMPLE_PERTURBATION_PARAMETERS, buildPerturbationTable } from './perturbation-table.js';
import { protectByCellKey } from './protect-by-cell-key.js';

const table = buildPerturbationTable(EXAMPLE_PERTURBATION_PARAMETERS);
const dimensions: Dimension[] = [
  flatDimension('geo', ['AT', 'BE', 'CY', 'DK']),
  flatDimension('sex', ['F', 'M', 'UNK']),
  independentDimension('time', ['2026-Q1', '2026-Q2', '2026']),
];

/** Synthetic persons: the n-th person's attributes are a fixed function of n, skewed so that some cells are small. */
function records(secret: Uint8Array, count: number): RecordContribution[] {
  return Array.from({ length: count }, (_, person) => {
    const geo = ['AT', 'AT', 'BE', 'BE', 'BE', 'CY', 'DK'][(person * 7) % 7 === 0 ? person % 7 : (person * 3) % 7]!;
    const sex = person % 17 === 0 ? 'UNK' : person % 3 === 0 ? 'M' : 'F';
    const quarter = person % 2 === 0 ? '2026-Q1' : '2026-Q2';
    return { key: recordKey(`pseudonym-${person}`, secret), coordinates: [[geo], [sex], [quarter, '2026']] };
  });
}

const secret = new Uint8Array(32).fill(9);

describe('protectByCellKey', () => {
  const cube = aggregateCube(dimensions, records(secret, 300));
  const published = protectByCellKey(cube, table, { smallCountThreshold: 5 });

  it('publishes every cell, perturbed by its own count and key, totals included', () => {
    expect(published).toHaveLength(cube.cells.length);
    cube.cells.forEach((cell, index) => {
      expect(published[index]!.coordinates).toEqual(cell.coordinates);
      expect(published[index]).toEqual({
        coordinates: cell.coordinates,
        ...perturb(cell.count, cell.cellKey, table, { smallCountThreshold: 5 }),
      });
    });
  });

  it('never publishes a negative value or a value in 1..js, and flags small published values u', () => {
    cube.cells.forEach((cell, index) => {
      const { value, flags } = published[index]!;
      expect(value).not.toBeNull();
      expect(value!).toBeGreaterThanOrEqual(0);
      expect(value! >= 1 && value! <= EXAMPLE_PERTURBATION_PARAMETERS.blockedUpTo).toBe(false);
      expect(flags).toBe(value! > 0 && value! < 5 ? 'u' : '');
      if (cell.count === 0) expect(value).toBe(0);
    });
    expect(published.some(({ flags }) => flags === 'u')).toBe(true);
  });

  it('treats cells missing from a sparse cube as zeros', () => {
    const sparse = { dimensions, cells: cube.cells.filter((cell) => cell.count > 0) };
    expect(protectByCellKey(sparse, table, { smallCountThreshold: 5 })).toEqual(published);
  });

  it('gives the same release byte for byte from the same records and secret, and another with another secret', () => {
    const release = (key: Uint8Array): string =>
      JSON.stringify(protectByCellKey(aggregateCube(dimensions, records(key, 300)), table, { smallCountThreshold: 5 }));
    const first = release(secret);
    expect(release(new Uint8Array(secret))).toBe(first);
    expect(release(new Uint8Array(32).fill(10))).not.toBe(first);
  });

  it('rejects keys outside [0, 2^52)', () => {
    const broken = { dimensions, cells: [{ ...cube.cells[0]!, cellKey: CELL_KEY_MODULUS }] };
    expect(() => protectByCellKey(broken, table)).toThrow(DisclosureException);
  });
});
