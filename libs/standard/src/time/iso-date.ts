/**
 * Calendar dates as `YYYY-MM-DD` strings, branded so that only validated dates reach the derivations.
 * No time zone is involved: a registration date is the calendar day the node recorded.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date, or undefined when `text` is not a real calendar day in `YYYY-MM-DD` form (2026-02-29 is not). */
export function tryParseIsoDate(text: string): IsoDate | undefined {
  const match = isoDatePattern.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return text as IsoDate;
}

export function isIsoDate(text: string): text is IsoDate {
  return tryParseIsoDate(text) !== undefined;
}

export function parseIsoDate(text: string): IsoDate {
  const date = tryParseIsoDate(text);
  if (date === undefined) throw new RangeError('not a calendar date in YYYY-MM-DD form');
  return date;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseIsoDate(text);
}

/** The calendar day (UTC) of an instant: dates recorded by people (consent, registration) are compared with it. */
export function calendarDayOf(instant: Date): IsoDate {
  return parseIsoDate(instant.toISOString().slice(0, 10));
}

export function dateParts(date: IsoDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** ISO dates of equal length order lexically, so string comparison is calendar order. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
