import type {
  AgeGroup, Citizenship, Compensation, CrossBorder, Exploitation, NaceSection, OffenderStatus, RegisteringOrganisation,
  ResidencePermit, Return, Sex, VictimStatus,
} from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';

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
 * Every field of the record and whether the schema requires it. `satisfies` makes the compiler reject a field added to
 * or removed from the types without this list; the spec compares the list with pseudonymised-record.schema.json.
 */
export const RECORD_FIELDS = {
  pseudonym: true,
  country: true,
  period: true,
  legalStatus: true,
  sex: true,
  ageGroup: true,
  citizenship: true,
  exploitation: true,
  labourSector: false,
  registeringOrganisation: false,
  crossBorder: true,
  protection: false,
  consent: true,
} as const satisfies Record<keyof VictimRecord | keyof OffenderRecord, boolean>;

export const PROTECTION_FIELDS = {
  reflectionPeriod: false,
  residencePermit: false,
  assistance: false,
  assistanceConditionalOnCooperation: false,
  compensation: false,
  returned: false,
} as const satisfies Record<keyof Protection, boolean>;
