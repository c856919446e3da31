import { describe, expect, it } from '@jest/globals';
import { parsePeriod } from '#app/standard';
import { consoleQuarter, recentQuarters } from './console-periods.js';
import { ConsoleException } from './console.exception.js';

describe('console periods', () => {
  it('lists three years of quarters up to now, not before the first period, with any other submitted quarter', () => {
    const now = new Date('2026-05-10T12:00:00Z');
    expect(recentQuarters(parsePeriod('2025-Q3'), now, [])).toEqual(['2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
    const listed = recentQuarters(parsePeriod('2000'), now, ['2019-Q2', '2019']);
    expect(listed).toHaveLength(13);
    expect(listed[0]).toBe('2026-Q2');
    expect(listed.at(-2)).toBe('2023-Q3');
    expect(listed.at(-1)).toBe('2019-Q2');
  });

  it('takes quarters only', () => {
    expect(consoleQuarter('2026-Q1')).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    for (const text of ['2026', '2026-Q5', '../etc', '']) expect(() => consoleQuarter(text)).toThrow(ConsoleException);
  });
});
