import type { Role } from './role.js';

/** ISO 3166-1 alpha-2 in Eurostat spelling: 'EL' for Greece, 'UK' for the United Kingdom. */
export type CountryCode = string;

/** The authenticated caller, as read from a verified token. `subject` is an account id, never a name or e-mail. */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Countries a RAPPORTEUR or STEWARD acts for; ignored for the other roles. */
  readonly countries: readonly CountryCode[];
}

/** ISO codes Eurostat spells differently; a token carrying them would silently never match the data. */
const eurostatSpellingOf: Readonly<Record<string, CountryCode>> = { GR: 'EL', GB: 'UK' };

export function isEurostatCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && !(value in eurostatSpellingOf);
}

/** Why a value is not a country code, for config and CLI messages (country codes are not identities). */
export function describeCountryCodeProblem(value: string): string {
  const eurostat = eurostatSpellingOf[value];
  return eurostat
    ? `'${value}' is the ISO spelling; the data standard uses Eurostat's '${eurostat}'`
    : `'${value}' is not a two-letter upper-case country code`;
}
