import { describe, expect, it } from '@jest/globals';
import { buildPerturbationTable } from '#app/disclosure';
import { FIGURE_CATALOGUE } from '#app/standard';
import { protectDataset, type ReleaseCell } from './dataset-protection.js';
import type { AggregatedRow } from './release-aggregation.js';
import { coverageKey, type Coverage, type ReleasePlan } from './release-plan.js';

const dataset = FIGURE_CATALOGUE.victims_citizenship; // citizen x sex
const coverage = (geo: string, reported: boolean, extra: Partial<Coverage> = {}): Coverage => ({
  geo,
  time: '2025-Q1',
  reported,
  flags: reported ? '' : ':',
  breakdownsNotCollected: [],
  ...extra,
});
const plan: ReleasePlan = {
  countries: ['AT', 'DE', 'FR'],
  groups: [{ id: 'EU27_2020', members: ['AT', 'DE', 'FR'] }],
  times: ['2025-Q1'],
  coverage: new Map(
    [
      coverage('AT', true),
      coverage('DE', true, { flags: 'p', breakdownsNotCollected: ['citizen'] }),
      coverage('FR', false),
      coverage('EU27_2020', true, { flags: ':' }),
    ].map((row) => [coverageKey(row.geo, row.time), row]),
  ),
};
/** Persons per country: a full line of citizenship by sex with its margins. */
function rows(geo: string, persons: Record<string, number>, key: bigint): AggregatedRow[] {
  const total = Object.values(persons).reduce((sum, count) => sum + count, 0);
  return [
    ...Object.entries(persons).flatMap(([citizen, count]) => [
      { geo, time: '2025-Q1', codes: [citizen, 'F'], count, cellKey: key },
      { geo, time: '2025-Q1', codes: [citizen, 'TOTAL'], count, cellKey: key },
    ]),
    { geo, time: '2025-Q1', codes: ['TOTAL', 'F'], count: total, cellKey: key * 3n },
    { geo, time: '2025-Q1', codes: ['TOTAL', 'TOTAL'], count: total, cellKey: key * 3n },
  ];
}
const aggregated = [...rows('AT', { NAT: 40, NON_EU: 2 }, 1234567n), ...rows('DE', { NAT: 25, EU_OTH: 9 }, 7654321n)];
const find = (cells: readonly ReleaseCell[], geo: string, codes: string[]) =>
  cells.find((cell) => cell.geo === geo && cell.codes.join() === codes.join());

describe('protecting a dataset', () => {
  it('without protection (tests only): countries as aggregated, groups as sums, absent cells not stored', () => {
    const cells = protectDataset(dataset, aggregated, plan, { method: 'NONE' });
    expect(find(cells, 'AT', ['NAT', 'F'])).toEqual({ geo: 'AT', time: '2025-Q1', codes: ['NAT', 'F'], value: 40, flags: '' });
    expect(find(cells, 'EU27_2020', ['TOTAL', 'TOTAL'])).toMatchObject({ value: 42 + 34, flags: ':' });
    expect(find(cells, 'EU27_2020', ['NAT', 'F'])).toMatchObject({ value: 65 });
    expect(find(cells, 'AT', ['STLS', 'F'])).toBeUndefined();
  });

  it('publishes breakdowns a country does not collect as not available, and its margins with the coverage flags', () => {
    const cells = protectDataset(dataset, aggregated, plan, { method: 'NONE' });
    expect(find(cells, 'DE', ['NAT', 'F'])).toMatchObject({ value: null, flags: ':p' });
    expect(find(cells, 'DE', ['STLS', 'M'])).toMatchObject({ value: null, flags: ':p' });
    expect(find(cells, 'DE', ['TOTAL', 'F'])).toMatchObject({ value: 34, flags: 'p' });
  });

  it('stores a not-available grand total for a country that did not report', () => {
    const cells = protectDataset(dataset, aggregated, plan, { method: 'NONE' });
    expect(cells.filter((cell) => cell.geo === 'FR')).toEqual([
      { geo: 'FR', time: '2025-Q1', codes: ['TOTAL', 'TOTAL'], value: null, flags: ':' },
    ]);
  });

  it('perturbs every cell by its own key under the cell key method, the same way every time', () => {
    const control = {
      method: 'CELL_KEY',
      threshold: 5,
      table: buildPerturbationTable({ maximumDeviation: 3, variance: 2, blockedUpTo: 2 }),
    } as const;
    const cells = protectDataset(dataset, aggregated, plan, control);
    expect(protectDataset(dataset, aggregated, plan, control)).toEqual(cells);
    const small = find(cells, 'AT', ['NON_EU', 'F']);
    // The flag follows the published value (an absent cell is a published 0 without flags).
    expect([0, 3, 4, 5]).toContain(small?.value ?? 0);
    expect(small?.flags ?? '').toBe([3, 4].includes(small?.value ?? 0) ? 'u' : '');
    const group = find(cells, 'EU27_2020', ['TOTAL', 'TOTAL']);
    expect(Math.abs((group?.value ?? 0) - 76)).toBeLessThanOrEqual(3);
    for (const cell of cells) expect([1, 2]).not.toContain(cell.value);
  });

  it('suppresses small cells with c, protects them in their margins, and carries c to the group', () => {
    const cells = protectDataset(dataset, aggregated, plan, { method: 'SUPPRESSION', threshold: 5, audit: true });
    expect(find(cells, 'AT', ['NON_EU', 'F'])).toMatchObject({ value: null, flags: 'c' });
    const austrianLine = cells.filter((cell) => cell.geo === 'AT' && cell.codes[1] === 'F' && cell.codes[0] !== 'TOTAL');
    expect(austrianLine.filter((cell) => cell.value === null).length).toBeGreaterThanOrEqual(2);
    expect(find(cells, 'EU27_2020', ['NON_EU', 'F'])?.flags).toContain('c');
  });
});
