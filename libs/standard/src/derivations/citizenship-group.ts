import type { Citizenship, CitizenshipGroup } from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import { isEuMember } from '../countries/eu-membership.js';
import type { IsoDate } from '../time/iso-date.js';
import type { Period } from '../time/period.js';

/**
 * The published citizenship group: NAT for citizens of the reporting country, EU_OTH for citizens of another country
 * that was an EU member at the time (see isEuMember for how a period is judged), NON_EU otherwise; STLS and UNK pass
 * through. The hub derives it from the record's period; a node previewing its return must pass the same period.
 */
export function citizenshipGroup(citizenship: Citizenship, reportingCountry: CountryCode, at: IsoDate | Period): CitizenshipGroup {
  if (citizenship === 'STLS' || citizenship === 'UNK') return citizenship;
  if (citizenship === reportingCountry) return 'NAT';
  return isEuMember(citizenship, at) ? 'EU_OTH' : 'NON_EU';
}
