import { describe, expect, it } from '@jest/globals';
import { changesByTime, decideRevisions, refreshesAggregate, revisionKey, timesOfPeriod } from './revision-policy.js';

describe('revision policy', () => {
  const reported = [
    { geo: 'AT', time: '2026-Q1' },
    { geo: 'AT', time: '2026-Q2' },
    { geo: 'AT', time: '2026' },
    { geo: 'DE', time: '2026-Q1' },
  ];

  it('publishes a new period from its records, holds fewer changes than the minimum and revises at the minimum', () => {
    const decisions = decideRevisions({
      reported,
      published: new Set([revisionKey('AT', '2026-Q1'), revisionKey('AT', '2026-Q2'), revisionKey('AT', '2026')]),
      pendingChanges: new Map([
        [revisionKey('AT', '2026-Q1'), 4],
        [revisionKey('AT', '2026'), 5],
        [revisionKey('DE', '2026-Q1'), 30],
      ]),
      minChanges: 5,
    });
    expect(Object.fromEntries(decisions)).toEqual({
      [revisionKey('AT', '2026-Q1')]: 'HELD',
      [revisionKey('AT', '2026-Q2')]: 'UNCHANGED',
      [revisionKey('AT', '2026')]: 'REVISED',
      [revisionKey('DE', '2026-Q1')]: 'NEW',
    });
    expect([...decisions.values()].filter(refreshesAggregate)).toEqual(['REVISED', 'NEW']);
  });

  it('applies every change at once with a minimum of 1, and refuses a minimum below 1', () => {
    const input = {
      reported,
      published: new Set([revisionKey('AT', '2026-Q1')]),
      pendingChanges: new Map([[revisionKey('AT', '2026-Q1'), 1]]),
    };
    expect(decideRevisions({ ...input, minChanges: 1 }).get(revisionKey('AT', '2026-Q1'))).toBe('REVISED');
    expect(() => decideRevisions({ ...input, minChanges: 0 })).toThrow(RangeError);
  });

  it('counts a changed person once per period and once in its year, however many of their records changed', () => {
    expect(timesOfPeriod('2026-Q3')).toEqual(['2026-Q3', '2026']);
    expect(timesOfPeriod('2026')).toEqual(['2026']);
    const changes = changesByTime([
      { period: '2026-Q1', pseudonym: 'a' },
      { period: '2026-Q1', pseudonym: 'a' },
      { period: '2026-Q2', pseudonym: 'a' },
      { period: '2026-Q2', pseudonym: 'b' },
      { period: '2025', pseudonym: 'c' },
    ]);
    expect(Object.fromEntries(changes)).toEqual({ '2026-Q1': 1, '2026-Q2': 2, '2026': 2, '2025': 1 });
  });
});
