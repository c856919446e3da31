import { describe, expect, it } from '@jest/globals';
import { EU27_2020, defineCountryGroup, parsePeriod } from '#app/standard';
import { coverageKey, planRelease, provisionalTest } from './release-plan.js';

describe('provisional periods', () => {
  const publishedAt = new Date('2026-05-10T12:00:00Z');

  it('marks the quarter of publication and the one before with two open quarters', () => {
    const open = provisionalTest(publishedAt, 2);
    expect(open(parsePeriod('2025-Q4'))).toBe(false);
    expect(open(parsePeriod('2026-Q1'))).toBe(true);
    expect(open(parsePeriod('2026-Q2'))).toBe(true);
    expect(open(parsePeriod('2026-Q3'))).toBe(true);
  });

  it('marks a year while any of its quarters is open, across a year boundary', () => {
    const open = provisionalTest(new Date('2026-02-01T00:00:00Z'), 2);
    expect(open(parsePeriod('2025-Q4'))).toBe(true);
    expect(open(parsePeriod('2025'))).toBe(true);
    expect(open(parsePeriod('2024'))).toBe(false);
  });

  it('marks nothing with zero open quarters', () => {
    expect(provisionalTest(publishedAt, 0)(parsePeriod('2026-Q2'))).toBe(false);
  });
});

describe('release plan', () => {
  const plan = planRelease({
    expectedCountries: ['AT', 'DE', 'FR'],
    submissions: [
      { country: 'AT', period: '2025-Q3', confirmedZero: false },
      { country: 'AT', period: '2025-Q4', confirmedZero: false },
      { country: 'DE', period: '2025-Q4', confirmedZero: false },
      { country: 'CH', period: '2025-Q4', confirmedZero: false },
    ],
    metadata: [
      {
        country: 'AT',
        validFrom: '2025-Q4',
        validTo: null,
        legalDefinition: 'NATIONAL_WIDER',
        identificationThreshold: 'AUTHORITY',
        breakdownsNotCollected: ['reg_org'],
      },
    ],
    groups: [EU27_2020, defineCountryGroup('DACH', 'Germany, Austria, Switzerland', ['AT', 'CH', 'DE'])],
    publishedAt: new Date('2026-01-10T00:00:00Z'),
    provisionalQuarters: 2,
  });
  const coverage = (geo: string, time: string) => plan.coverage.get(coverageKey(geo, time));

  it('covers every expected or reporting country, and the quarters and years with returns in Eurostat order', () => {
    expect(plan.countries).toEqual(['AT', 'CH', 'DE', 'FR']);
    expect(plan.times).toEqual(['2025', '2025-Q3', '2025-Q4']);
    expect(plan.groups).toEqual([
      { id: 'EU27_2020', members: ['AT', 'DE', 'FR'] },
      { id: 'DACH', members: ['AT', 'CH', 'DE'] },
    ]);
  });

  it('marks a country without a return not available, and a reported one with p, d and b from its metadata', () => {
    expect(coverage('FR', '2025-Q4')).toEqual({ geo: 'FR', time: '2025-Q4', reported: false, flags: ':', breakdownsNotCollected: [] });
    expect(coverage('DE', '2025-Q3')).toMatchObject({ reported: false, flags: ':' });
    expect(coverage('DE', '2025')).toMatchObject({ reported: true, flags: 'p' });
    expect(coverage('AT', '2025-Q3')).toMatchObject({ reported: true, flags: '', breakdownsNotCollected: [] });
    // The first metadata entry starts a series: d (national definition) and p, but no break.
    expect(coverage('AT', '2025-Q4')).toMatchObject({ reported: true, flags: 'dp', breakdownsNotCollected: ['reg_org'] });
  });

  it('publishes a group when a member reported, carrying a missing member as `:`', () => {
    expect(coverage('EU27_2020', '2025-Q4')).toMatchObject({ reported: true, flags: ':p', breakdownsNotCollected: ['reg_org'] });
    expect(coverage('DACH', '2025-Q4')).toMatchObject({ reported: true, flags: 'p' });
    expect(coverage('DACH', '2025-Q3')).toMatchObject({ reported: true, flags: ':' });
  });

  it('flags a confirmed true zero `-`, and its year only when every return of the year in force is one', () => {
    const zeros = planRelease({
      expectedCountries: ['LU', 'MT'],
      submissions: [
        { country: 'LU', period: '2024-Q1', confirmedZero: true },
        { country: 'LU', period: '2024-Q2', confirmedZero: true },
        { country: 'MT', period: '2024-Q1', confirmedZero: true },
        { country: 'MT', period: '2024-Q2', confirmedZero: false },
      ],
      metadata: [],
      groups: [defineCountryGroup('LUMT', 'Luxembourg and Malta', ['LU', 'MT'])],
      publishedAt: new Date('2026-01-10T00:00:00Z'),
      provisionalQuarters: 2,
    });
    const zeroCoverage = (geo: string, time: string) => zeros.coverage.get(coverageKey(geo, time));
    expect(zeroCoverage('LU', '2024-Q1')).toMatchObject({ reported: true, flags: '-' });
    expect(zeroCoverage('LU', '2024')).toMatchObject({ reported: true, flags: '-' });
    expect(zeroCoverage('MT', '2024-Q1')).toMatchObject({ reported: true, flags: '-' });
    expect(zeroCoverage('MT', '2024-Q2')).toMatchObject({ reported: true, flags: '' });
    expect(zeroCoverage('MT', '2024')).toMatchObject({ reported: true, flags: '' });
    // A group adds its members' figures: a member's zero is a value like any other, not the group's flag.
    expect(zeroCoverage('LUMT', '2024-Q1')).toMatchObject({ reported: true, flags: '' });
  });
});
