import { parseIsoDate, type IsoDate } from '#app/standard';

/** The calendar day (UTC) of an instant: dates the node records (consent, registration) are compared with it. */
export function calendarDayOf(instant: Date): IsoDate {
  return parseIsoDate(instant.toISOString().slice(0, 10));
}
