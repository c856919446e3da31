import { describe, expect, it } from '@jest/globals';
import { compareIsoDates, dateParts, daysInMonth, isIsoDate, isLeapYear, isoDate, parseIsoDate, tryParseIsoDate } from './iso-date.js';

describe('ISO dates', () => {
  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect([daysInMonth(2024, 2), daysInMonth(2026, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([29, 28, 30, 31]);
  });

  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const text of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '26-01-05',
      '2026-01-05T00:00',
      '',
    ]) {
      expect([text, tryParseIsoDate(text)]).toEqual([text, undefined]);
    }
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
  });

  it('builds, splits and orders dates', () => {
    expect(isoDate(2026, 3, 1)).toBe('2026-03-01');
    expect(dateParts(parseIsoDate('2008-02-29'))).toEqual({ year: 2008, month: 2, day: 29 });
    expect(compareIsoDates(parseIsoDate('2019-12-31'), parseIsoDate('2020-01-01'))).toBeLessThan(0);
    expect(compareIsoDates(parseIsoDate('2020-01-01'), parseIsoDate('2020-01-01'))).toBe(0);
    expect(() => isoDate(2026, 2, 29)).toThrow(RangeError);
  });
});
