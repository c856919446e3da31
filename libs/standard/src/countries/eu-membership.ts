import { EU_MEMBERSHIP } from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import { type IsoDate, compareIsoDates } from '../time/iso-date.js';
import { type Period, periodEnd } from '../time/period.js';

/**
 * Whether `country` was an EU member state on `at`. For a period the status on its last day decides (the composition
 * when the period closes): the United Kingdom, which left on 31 January 2020, is outside the EU for 2020-Q1 and for
 * 2020, and Croatia, which joined on 1 July 2013, is inside for 2013-Q3 and for 2013. A day gives the exact answer.
 */
export function isEuMember(country: CountryCode, at: IsoDate | Period): boolean {
  const entry = EU_MEMBERSHIP.byCode.get(country);
  if (entry === undefined || entry.validFrom === undefined) return false;
  const day = typeof at === 'string' ? at : periodEnd(at);
  if (compareIsoDates(day, entry.validFrom) < 0) return false;
  return entry.validTo === undefined || compareIsoDates(day, entry.validTo) <= 0;
}

/** The member states on `at`, in code-list order. */
export function euMembersAt(at: IsoDate | Period): readonly CountryCode[] {
  return EU_MEMBERSHIP.codes.filter((country) => isEuMember(country, at));
}
