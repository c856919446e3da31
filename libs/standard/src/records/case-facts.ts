import type {
  AgeGroup,
  Citizenship,
  CrossBorder,
  NaceSection,
  OffenderStatus,
  RegisteringOrganisation,
  Sex,
  VictimStatus,
} from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import type { IsoDate } from '../time/iso-date.js';
import { type Period, formatPeriod, quarterOfDate, yearPeriod } from '../time/period.js';
import type { ExploitationForms, Protection, PseudonymisedRecord, RecordConsent } from './pseudonymised-record.js';

/**
 * When a person was registered in a legal status. Sources such as CTDC give only the year: such a registration is
 * kept as a year, never placed in an invented quarter, and its records carry a year period.
 */
export type Registration = { readonly precision: 'day'; readonly date: IsoDate } | { readonly precision: 'year'; readonly year: number };

interface CaseFactsCommon {
  /** Reporting country (the node's). */
  readonly country: CountryCode;
  readonly registration: Registration;
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  readonly citizenship: Citizenship;
  readonly exploitation: ExploitationForms;
  readonly labourSector?: NaceSection;
  readonly crossBorder: CrossBorder;
  readonly consent: RecordConsent;
}

export interface VictimCaseFacts extends CaseFactsCommon {
  readonly legalStatus: VictimStatus;
  readonly registeringOrganisation: RegisteringOrganisation;
  readonly protection?: Protection;
}

export interface OffenderCaseFacts extends CaseFactsCommon {
  readonly legalStatus: OffenderStatus;
}

/** The statistical and consent blocks of a person record at a node (docs/DATA-STANDARD.md section 1), identity excluded. */
export type CaseFacts = VictimCaseFacts | OffenderCaseFacts;

/** Identity block: goes to the node's vault only, never into a record, log line or error. */
export interface IdentityFields {
  readonly givenName?: string;
  readonly familyName?: string;
  readonly birthDate?: IsoDate;
  readonly documentNumber?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly notes?: string;
}

/** The quarter of a dated registration, the year of a year-only one. */
export function registrationPeriod(registration: Registration): Period {
  return registration.precision === 'day' ? quarterOfDate(registration.date) : yearPeriod(registration.year);
}

const pseudonymPattern = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * The record a node sends for a case, given the person's pseudonym. Only statistical fields are copied, so identity
 * cannot leak through here; whether the record may be sent (consent.international) is the caller's decision.
 */
export function toPseudonymisedRecord(facts: CaseFacts, pseudonym: string): PseudonymisedRecord {
  if (!pseudonymPattern.test(pseudonym)) throw new RangeError('a pseudonym is 43 base64url characters encoding 32 bytes');
  const common = {
    pseudonym,
    country: facts.country,
    period: formatPeriod(registrationPeriod(facts.registration)),
    sex: facts.sex,
    ageGroup: facts.ageGroup,
    citizenship: facts.citizenship,
    exploitation: facts.exploitation,
    ...(facts.labourSector === undefined ? {} : { labourSector: facts.labourSector }),
    crossBorder: facts.crossBorder,
    consent: { statistics: facts.consent.statistics, international: facts.consent.international },
  };
  if (facts.legalStatus === 'PRESUMED_VICTIM' || facts.legalStatus === 'IDENTIFIED_VICTIM') {
    return {
      ...common,
      legalStatus: facts.legalStatus,
      registeringOrganisation: facts.registeringOrganisation,
      ...(facts.protection === undefined ? {} : { protection: { ...facts.protection } }),
    };
  }
  return { ...common, legalStatus: facts.legalStatus };
}
