import { COUNTRY, isCountryCode } from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';

// The two places where Eurostat spells a country differently from ISO 3166-1.
const eurostatByIso: Readonly<Record<string, CountryCode>> = { GR: 'EL', GB: 'UK' };

/**
 * The standard's country code for an ISO 3166-1 alpha-2 code (GR -> EL, GB -> UK); codes already in Eurostat
 * spelling pass through. Undefined for anything that is not a country of the code list. Case-sensitive on purpose:
 * lower-case input is a data problem the caller should see, not guess at.
 */
export function countryFromIso(code: string): CountryCode | undefined {
  const mapped = eurostatByIso[code];
  if (mapped !== undefined) return mapped;
  return isCountryCode(code) ? code : undefined;
}

/** The ISO 3166-1 alpha-2 spelling of a country code (EL -> GR, UK -> GB). XK has no ISO code and stays XK. */
export function isoFromCountry(code: CountryCode): string {
  return COUNTRY.byCode.get(code)?.iso ?? code;
}
