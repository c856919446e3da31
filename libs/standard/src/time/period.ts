import { type IsoDate, compareIsoDates, dateParts, isoDate } from './iso-date.js';

export type Quarter = 1 | 2 | 3 | 4;

export interface QuarterPeriod {
  readonly kind: 'quarter';
  readonly year: number;
  readonly quarter: Quarter;
}

/** A whole year: published annual figures, and registrations whose source gives only the year. */
export interface YearPeriod {
  readonly kind: 'year';
  readonly year: number;
}

export type Period = QuarterPeriod | YearPeriod;

/**
 * The standard's floor for reported periods (docs/DATA-STANDARD.md section 3): the Palermo Protocol dates from 2000,
 * and no source of this standard counts victims before it. An earlier period is a typo, and a release would publish
 * its empty return as a true zero.
 */
export const FIRST_REPORTABLE_YEAR = 2000;

export function isReportablePeriod(period: Period): boolean {
  return period.year >= FIRST_REPORTABLE_YEAR;
}

const periodPattern = /^(\d{4})(?:-Q([1-4]))?$/;
const firstYear = 1000;
const lastYear = 9999;

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < firstYear || year > lastYear) {
    throw new RangeError(`year must be an integer from ${firstYear} to ${lastYear}`);
  }
  return year;
}

export function quarterPeriod(year: number, quarter: number): QuarterPeriod {
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) throw new RangeError('quarter must be 1, 2, 3 or 4');
  return { kind: 'quarter', year: checkYear(year), quarter };
}

export function yearPeriod(year: number): YearPeriod {
  return { kind: 'year', year: checkYear(year) };
}

/** `2026-Q3` or `2026`; undefined for anything else (lower-case `q`, `2026Q3`, five-digit years). */
export function tryParsePeriod(text: string): Period | undefined {
  const match = periodPattern.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < firstYear) return undefined;
  return match[2] === undefined ? yearPeriod(year) : quarterPeriod(year, Number(match[2]));
}

export function parsePeriod(text: string): Period {
  const period = tryParsePeriod(text);
  if (period === undefined) throw new RangeError('a period is written YYYY-Qn (quarter) or YYYY (year)');
  return period;
}

export function parseQuarter(text: string): QuarterPeriod {
  const period = parsePeriod(text);
  if (period.kind !== 'quarter') throw new RangeError('expected a quarter written YYYY-Qn');
  return period;
}

export function formatPeriod(period: Period): string {
  return period.kind === 'year' ? String(period.year) : `${period.year}-Q${period.quarter}`;
}

export function isSamePeriod(a: Period, b: Period): boolean {
  return comparePeriods(a, b) === 0;
}

/**
 * Total order for display and sorting: by year; within a year the year itself first, then its quarters
 * (2025-Q4 < 2026 < 2026-Q1 < 2026-Q2), the order Eurostat's time dimensions list them in.
 */
export function comparePeriods(a: Period, b: Period): number {
  if (a.year !== b.year) return a.year - b.year;
  return rankInYear(a) - rankInYear(b);
}

function rankInYear(period: Period): number {
  return period.kind === 'year' ? 0 : period.quarter;
}

/** The year a period belongs to (a year is its own year). */
export function yearOf(period: Period): YearPeriod {
  return yearPeriod(period.year);
}

export function quartersOf(year: number | YearPeriod): readonly [QuarterPeriod, QuarterPeriod, QuarterPeriod, QuarterPeriod] {
  const y = typeof year === 'number' ? checkYear(year) : year.year;
  return [quarterPeriod(y, 1), quarterPeriod(y, 2), quarterPeriod(y, 3), quarterPeriod(y, 4)];
}

/** First day of the period. */
export function periodStart(period: Period): IsoDate {
  return period.kind === 'year' ? isoDate(period.year, 1, 1) : isoDate(period.year, period.quarter * 3 - 2, 1);
}

/** Last day of the period, inclusive. */
export function periodEnd(period: Period): IsoDate {
  if (period.kind === 'year') return isoDate(period.year, 12, 31);
  const lastMonth = period.quarter * 3;
  return isoDate(period.year, lastMonth, lastMonth === 3 || lastMonth === 12 ? 31 : 30);
}

export function quarterOfDate(date: IsoDate): QuarterPeriod {
  const { year, month } = dateParts(date);
  return quarterPeriod(year, Math.ceil(month / 3));
}

export function yearOfDate(date: IsoDate): YearPeriod {
  return yearPeriod(dateParts(date).year);
}

export function periodContainsDate(period: Period, date: IsoDate): boolean {
  return compareIsoDates(periodStart(period), date) <= 0 && compareIsoDates(date, periodEnd(period)) <= 0;
}

/** Whether `inner` lies wholly within `outer` (a year contains its quarters and itself). */
export function periodContains(outer: Period, inner: Period): boolean {
  if (outer.year !== inner.year) return false;
  return outer.kind === 'year' || (inner.kind === 'quarter' && inner.quarter === outer.quarter);
}

/** The quarter `count` quarters after (or, negative, before) `period`. */
export function addQuarters(period: QuarterPeriod, count: number): QuarterPeriod {
  if (!Number.isInteger(count)) throw new RangeError('count must be an integer');
  const index = period.year * 4 + (period.quarter - 1) + count;
  return quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
}
