import { describe, expect, it } from '@jest/globals';
import { returnTimingProblems } from './return-timing.js';

const now = new Date('2026-05-10T12:00:00Z');

describe('returnTimingProblems', () => {
  it('accepts the current quarter, past quarters and years, generated up to five minutes ahead', () => {
    expect(returnTimingProblems({ period: '2026-Q2', generatedAt: '2026-05-10T12:04:00Z' }, now)).toEqual([]);
    expect(returnTimingProblems({ period: '2019-Q4', generatedAt: '2020-01-02T00:00:00Z' }, now)).toEqual([]);
    expect(returnTimingProblems({ period: '2026', generatedAt: '2026-05-10T11:00:00+02:00' }, now)).toEqual([]);
  });

  it('refuses a quarter that has not begun and a return generated in the future, by pointer', () => {
    // Found by the reliability corpus: a return for 2099-Q1 was accepted and would have been published.
    expect(returnTimingProblems({ period: '2026-Q3', generatedAt: '2026-05-10T12:00:00Z' }, now)).toEqual([
      expect.objectContaining({ pointer: '/period', code: 'OUT_OF_RANGE' }),
    ]);
    expect(returnTimingProblems({ period: '2099-Q1', generatedAt: '2027-01-01T00:00:00Z' }, now).map((problem) => problem.pointer)).toEqual(
      ['/period', '/generatedAt'],
    );
  });
});
