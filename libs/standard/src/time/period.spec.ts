import { describe, expect, it } from '@jest/globals';
import { parseIsoDate } from './iso-date.js';
import {
  type Period,
  addQuarters,
  comparePeriods,
  formatPeriod,
  isSamePeriod,
  parsePeriod,
  parseQuarter,
  periodContains,
  periodContainsDate,
  periodEnd,
  periodStart,
  quarterOfDate,
  quarterPeriod,
  quartersOf,
  tryParsePeriod,
  yearOf,
  yearOfDate,
  yearPeriod,
} from './period.js';

describe('Period', () => {
  it('parses and formats quarters and years', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026 });
    for (const text of ['2026-Q3', '2026', '1999-Q1', '2000-Q4']) expect(formatPeriod(parsePeriod(text))).toBe(text);
  });

  it('refuses other spellings', () => {
    for (const text of ['2026-Q0', '2026-Q5', '2026-q3', '2026Q3', '2026-3', '26-Q1', '20260', '0999', ' 2026', '2026-Q3 ']) {
      expect([text, tryParsePeriod(text)]).toEqual([text, undefined]);
    }
    expect(() => parsePeriod('2026-Q5')).toThrow('YYYY-Qn');
    expect(() => parseQuarter('2026')).toThrow('quarter');
    expect(() => quarterPeriod(2026, 5)).toThrow(RangeError);
    expect(() => yearPeriod(2026.5)).toThrow(RangeError);
  });

  it('orders a year before its quarters and after the previous year', () => {
    const texts = ['2026-Q2', '2026', '2025-Q4', '2026-Q1', '2025', '2027'];
    const sorted = texts.map(parsePeriod).sort(comparePeriods).map(formatPeriod);
    expect(sorted).toEqual(['2025', '2025-Q4', '2026', '2026-Q1', '2026-Q2', '2027']);
    expect(isSamePeriod(parsePeriod('2026-Q1'), quarterPeriod(2026, 1))).toBe(true);
    expect(isSamePeriod(parsePeriod('2026-Q1'), parsePeriod('2026'))).toBe(false);
  });

  it('goes from quarter to year and from year to quarters', () => {
    expect(yearOf(parsePeriod('2026-Q3'))).toEqual(yearPeriod(2026));
    expect(yearOf(parsePeriod('2026'))).toEqual(yearPeriod(2026));
    expect(quartersOf(2026).map(formatPeriod)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quartersOf(yearPeriod(2020)).every((q) => periodContains(yearPeriod(2020), q))).toBe(true);
    expect(periodContains(parsePeriod('2026-Q1'), parsePeriod('2026'))).toBe(false);
    expect(periodContains(parsePeriod('2026'), parsePeriod('2025-Q4'))).toBe(false);
  });

  it('gives first and last days, leap years included', () => {
    const bounds = (text: string): [string, string] => {
      const period: Period = parsePeriod(text);
      return [periodStart(period), periodEnd(period)];
    };
    expect(bounds('2026-Q1')).toEqual(['2026-01-01', '2026-03-31']);
    expect(bounds('2026-Q2')).toEqual(['2026-04-01', '2026-06-30']);
    expect(bounds('2026-Q3')).toEqual(['2026-07-01', '2026-09-30']);
    expect(bounds('2026-Q4')).toEqual(['2026-10-01', '2026-12-31']);
    expect(bounds('2024')).toEqual(['2024-01-01', '2024-12-31']);
  });

  it('puts dates in quarters, at the boundaries too', () => {
    expect(formatPeriod(quarterOfDate(parseIsoDate('2026-03-31')))).toBe('2026-Q1');
    expect(formatPeriod(quarterOfDate(parseIsoDate('2026-04-01')))).toBe('2026-Q2');
    expect(formatPeriod(quarterOfDate(parseIsoDate('2025-12-31')))).toBe('2025-Q4');
    expect(formatPeriod(quarterOfDate(parseIsoDate('2026-01-01')))).toBe('2026-Q1');
    expect(formatPeriod(yearOfDate(parseIsoDate('2024-02-29')))).toBe('2024');
    expect(periodContainsDate(parsePeriod('2026-Q2'), parseIsoDate('2026-06-30'))).toBe(true);
    expect(periodContainsDate(parsePeriod('2026-Q2'), parseIsoDate('2026-07-01'))).toBe(false);
  });

  it('steps quarters across years', () => {
    expect(formatPeriod(addQuarters(parseQuarter('2026-Q4'), 1))).toBe('2027-Q1');
    expect(formatPeriod(addQuarters(parseQuarter('2026-Q1'), -1))).toBe('2025-Q4');
    expect(formatPeriod(addQuarters(parseQuarter('2026-Q3'), -9))).toBe('2024-Q2');
    expect(formatPeriod(addQuarters(parseQuarter('2026-Q3'), 0))).toBe('2026-Q3');
  });
});
