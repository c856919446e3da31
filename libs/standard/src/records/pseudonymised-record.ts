import type {
  AgeGroup,
  Citizenship,
  Compensation,
  CrossBorder,
  Exploitation,
  NaceSection,
  OffenderStatus,
  RegisteringOrganisation,
  ResidencePermit,
  Return,
  Sex,
  VictimStatus,
} from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS, type CaseFieldName } from './record-fields.js';

/** At least one form of exploitation, each at most once. */
export type ExploitationForms = readonly [Exploitation, ...Exploitation[]];

export interface Protection {
  /** Days of reflection period granted. */
  readonly reflectionPeriod?: number;
  readonly residencePermit?: ResidencePermit;
  readonly assistance?: boolean;
  readonly assistanceConditionalOnCooperation?: boolean;
  readonly compensation?: Compensation;
  readonly returned?: Return;
}

export interface RecordConsent {
  readonly statistics: boolean;
  readonly international: boolean;
}

interface RecordCommon {
  /** 43-character base64url keyed BLAKE2b of the node's person id. */
  readonly pseudonym: string;
  /** Reporting country. */
  readonly country: CountryCode;
  /** `YYYY-Qn`, or `YYYY` for a registration known only to the year. */
  readonly period: string;
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  readonly citizenship: Citizenship;
  readonly exploitation: ExploitationForms;
  /** Only with LABOUR among the forms of exploitation. */
  readonly labourSector?: NaceSection;
  readonly crossBorder: CrossBorder;
  readonly consent: RecordConsent;
}

export interface VictimRecord extends RecordCommon {
  readonly legalStatus: VictimStatus;
  readonly registeringOrganisation: RegisteringOrganisation;
  readonly protection?: Protection;
}

export interface OffenderRecord extends RecordCommon {
  readonly legalStatus: OffenderStatus;
}

/** One person in one legal status registered in one period, as it leaves a node (docs/DATA-STANDARD.md section 2). */
export type PseudonymisedRecord = VictimRecord | OffenderRecord;

/**
 * Every field of the record and whether the schema requires it: the envelope's, then the statistical fields' own
 * (record-fields.ts). The spec compares the list with pseudonymised-record.schema.json.
 */
export const RECORD_FIELDS: Readonly<Record<keyof VictimRecord | keyof OffenderRecord, boolean>> = {
  pseudonym: true,
  country: true,
  period: true,
  ...(Object.fromEntries(CASE_FIELDS.map((field) => [field.name, field.required])) as Record<CaseFieldName, boolean>),
  protection: false,
  consent: true,
};

export const PROTECTION_FIELDS: Readonly<Record<keyof Protection, boolean>> = Object.fromEntries(
  PROTECTION_FIELD_DESCRIPTORS.map((field) => [field.name, field.required]),
) as Record<keyof Protection, boolean>;
