import {
  calendarDayOf,
  comparePeriods,
  formatPeriod,
  quarterOfDate,
  quarterPeriod,
  tryParsePeriod,
  type Period,
  type QuarterPeriod,
} from '#app/standard';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/** Quarters the home page lists without being asked: the current one and the eleven before it (three years). */
const LISTED_QUARTERS = 12;

/** The quarter a console URL names (`2026-Q1`); INVALID_PERIOD for a year or anything else. */
export function consoleQuarter(text: string): QuarterPeriod {
  const period = tryParsePeriod(text);
  if (period === undefined || period.kind !== 'quarter') {
    throw new ConsoleException(ConsoleErrorCode.INVALID_PERIOD, 'Name a quarter, such as 2026-Q1.', ['period']);
  }
  return period;
}

/**
 * The quarters of the home page, newest first: the last three years up to the current quarter, never before the
 * node's first reporting period, and every other quarter a return was submitted for.
 */
export function recentQuarters(firstPeriod: Period, now: Date, submitted: readonly string[]): string[] {
  const current = quarterOfDate(calendarDayOf(now));
  const listed = new Map<string, QuarterPeriod>();
  let quarter: QuarterPeriod = current;
  for (let index = 0; index < LISTED_QUARTERS; index += 1) {
    if (comparePeriods(quarter, firstPeriod) < 0) break;
    listed.set(formatPeriod(quarter), quarter);
    quarter = quarter.quarter === 1 ? quarterPeriod(quarter.year - 1, 4) : quarterPeriod(quarter.year, quarter.quarter - 1);
  }
  for (const text of submitted) {
    const period = tryParsePeriod(text);
    if (period?.kind === 'quarter') listed.set(text, period);
  }
  return [...listed.values()].sort((a, b) => comparePeriods(b, a)).map(formatPeriod);
}
