import { describe, expect, it } from '@jest/globals';
import { coverageKey } from '../releases/release-plan.js';
import type { CubeCoverage } from './cube-slice.js';
import { Measure } from './measure.js';
import { denominator, reportingMembers, toRates, type PopulationOf, type PopulationValue } from './rates.js';

const figures: Readonly<Record<string, PopulationValue>> = {
  'AT|2026': { value: 9_000_000, flags: 'e' },
  'DE|2026': { value: 84_000_000, flags: '' },
  'BE|2026': { value: null, flags: ':' },
};
const population: PopulationOf = (geo, year) => figures[`${geo}|${year}`];

const coverage = new Map<string, CubeCoverage>([
  [coverageKey('AT', '2026-Q2'), { reported: true, flags: '', breakdownsNotCollected: [] }],
  [coverageKey('DE', '2026-Q2'), { reported: true, flags: '', breakdownsNotCollected: [] }],
  [coverageKey('FR', '2026-Q2'), { reported: false, flags: ':', breakdownsNotCollected: [] }],
  [coverageKey('BE', '2026'), { reported: true, flags: '', breakdownsNotCollected: [] }],
  [coverageKey('AT', '2026'), { reported: true, flags: '', breakdownsNotCollected: [] }],
]);

describe('rates', () => {
  it("divides a quarter by its year's population and a group by the sum of its reporting members'", () => {
    expect(denominator('AT', '2026-Q2', population, coverage)).toEqual({ value: 9_000_000, flags: 'e' });
    expect(reportingMembers('EU27_2020', '2026-Q2', coverage)).toEqual(['AT', 'DE']);
    expect(denominator('EU27_2020', '2026-Q2', population, coverage)).toEqual({ value: 93_000_000, flags: 'e' });
    // A reporting member without a population leaves the group without a denominator.
    expect(denominator('EU27_2020', '2026', population, coverage)).toEqual({ value: null, flags: ':' });
    expect(denominator('CH', '2026', population, coverage)).toEqual({ value: null, flags: ':' });
  });

  it('computes rate = count / population * base with the flags of both, and no rate without either', () => {
    const cells = [
      { codes: ['AT', '2026-Q2', 'TOTAL'], value: 45, flags: 'p' },
      { codes: ['AT', '2026-Q2', 'F'], value: null, flags: 'c' },
      { codes: ['BE', '2026', 'TOTAL'], value: 12, flags: '' },
    ];
    const denominatorOf = (geo: string, time: string) => denominator(geo, time, population, coverage);
    expect(toRates(cells, Measure.RATE_PER_100K, denominatorOf)).toEqual([
      { codes: ['AT', '2026-Q2', 'TOTAL'], value: (45 / 9_000_000) * 100_000, flags: 'ep' },
      { codes: ['AT', '2026-Q2', 'F'], value: null, flags: 'ce' },
      { codes: ['BE', '2026', 'TOTAL'], value: null, flags: ':' },
    ]);
    expect(toRates(cells, Measure.RATE_PER_MILLION, denominatorOf)[0]!.value).toBe((45 / 9_000_000) * 1_000_000);
  });
});
