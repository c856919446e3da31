// Literal codes of every code list, bound to the JSON files in schemas/code-lists/ (see defineCodeList).
import ageGroupFile from '../../../../schemas/code-lists/age-group.json' with { type: 'json' };
import childAdultFile from '../../../../schemas/code-lists/child-adult.json' with { type: 'json' };
import citizenshipGroupFile from '../../../../schemas/code-lists/citizenship-group.json' with { type: 'json' };
import citizenshipSpecialFile from '../../../../schemas/code-lists/citizenship-special.json' with { type: 'json' };
import compensationFile from '../../../../schemas/code-lists/compensation.json' with { type: 'json' };
import countryGroupFile from '../../../../schemas/code-lists/country-group.json' with { type: 'json' };
import countryFile from '../../../../schemas/code-lists/country.json' with { type: 'json' };
import crossBorderFile from '../../../../schemas/code-lists/cross-border.json' with { type: 'json' };
import datasetFile from '../../../../schemas/code-lists/dataset.json' with { type: 'json' };
import dimensionFile from '../../../../schemas/code-lists/dimension.json' with { type: 'json' };
import euMembershipFile from '../../../../schemas/code-lists/eu-membership.json' with { type: 'json' };
import exploitationFile from '../../../../schemas/code-lists/exploitation.json' with { type: 'json' };
import identificationThresholdFile from '../../../../schemas/code-lists/identification-threshold.json' with { type: 'json' };
import legalDefinitionFile from '../../../../schemas/code-lists/legal-definition.json' with { type: 'json' };
import legalStatusFile from '../../../../schemas/code-lists/legal-status.json' with { type: 'json' };
import naceSectionFile from '../../../../schemas/code-lists/nace-section.json' with { type: 'json' };
import observationFlagFile from '../../../../schemas/code-lists/observation-flag.json' with { type: 'json' };
import registeringOrganisationFile from '../../../../schemas/code-lists/registering-organisation.json' with { type: 'json' };
import residencePermitFile from '../../../../schemas/code-lists/residence-permit.json' with { type: 'json' };
import returnFile from '../../../../schemas/code-lists/return.json' with { type: 'json' };
import sexFile from '../../../../schemas/code-lists/sex.json' with { type: 'json' };
import { type CodeList, defineCodeList } from './code-list.js';
import { COUNTRY_CODES, type CountryCode } from './country-codes.js';

export const LEGAL_STATUS_CODES = ['PRESUMED_VICTIM', 'IDENTIFIED_VICTIM', 'SUSPECT', 'PROSECUTED', 'CONVICTED'] as const;
export type LegalStatus = (typeof LEGAL_STATUS_CODES)[number];
/** Registered victims are presumed plus identified victims. */
export const VICTIM_STATUSES = ['PRESUMED_VICTIM', 'IDENTIFIED_VICTIM'] as const satisfies readonly LegalStatus[];
export type VictimStatus = (typeof VICTIM_STATUSES)[number];
export const OFFENDER_STATUSES = ['SUSPECT', 'PROSECUTED', 'CONVICTED'] as const satisfies readonly LegalStatus[];
export type OffenderStatus = (typeof OFFENDER_STATUSES)[number];

export const SEX_CODES = ['F', 'M', 'OTHER', 'UNK'] as const;
export type Sex = (typeof SEX_CODES)[number];

export const FINE_AGE_GROUPS = ['Y0-11', 'Y12-17', 'Y18-24', 'Y25-34', 'Y35-44', 'Y45-54', 'Y55-64', 'Y_GE65'] as const;
export type FineAgeGroup = (typeof FINE_AGE_GROUPS)[number];
/** For sources that only say child or adult (an age band straddling two groups): counted, never dropped. */
export const COARSE_AGE_GROUPS = ['Y_LT18', 'Y_GE18'] as const;
export type CoarseAgeGroup = (typeof COARSE_AGE_GROUPS)[number];
export const AGE_GROUP_CODES = [...FINE_AGE_GROUPS, ...COARSE_AGE_GROUPS, 'UNK'] as const;
export type AgeGroup = (typeof AGE_GROUP_CODES)[number];

export const CHILD_ADULT_CODES = ['Y_LT18', 'Y_GE18', 'UNK'] as const;
export type ChildAdult = (typeof CHILD_ADULT_CODES)[number];

export const CITIZENSHIP_GROUP_CODES = ['NAT', 'EU_OTH', 'NON_EU', 'STLS', 'UNK'] as const;
export type CitizenshipGroup = (typeof CITIZENSHIP_GROUP_CODES)[number];

export const CITIZENSHIP_SPECIAL_CODES = ['STLS', 'UNK'] as const;
export type CitizenshipSpecial = (typeof CITIZENSHIP_SPECIAL_CODES)[number];
/** A country code, STLS (stateless) or UNK. */
export type Citizenship = CountryCode | CitizenshipSpecial;

export const EXPLOITATION_CODES = [
  'SEXUAL',
  'LABOUR',
  'DOMESTIC_SERVITUDE',
  'ORGAN_REMOVAL',
  'CRIMINAL_ACTIVITIES',
  'BEGGING',
  'FORCED_MARRIAGE',
  'BENEFIT_FRAUD',
  'ILLEGAL_ADOPTION',
  'SURROGACY',
  'ARMED_CONFLICT',
  'OTHER',
  'UNK',
] as const;
export type Exploitation = (typeof EXPLOITATION_CODES)[number];

export const NACE_SECTION_CODES = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
] as const;
export type NaceSection = (typeof NACE_SECTION_CODES)[number];

export const REGISTERING_ORGANISATION_CODES = [
  'POLICE',
  'NGO',
  'PROSECUTION_COURT',
  'IMMIGRATION',
  'LABOUR_INSPECTION',
  'HEALTH_SOCIAL',
  'OTHER',
  'UNK',
] as const;
export type RegisteringOrganisation = (typeof REGISTERING_ORGANISATION_CODES)[number];

export const CROSS_BORDER_CODES = ['DOMESTIC', 'CROSS_BORDER', 'UNK'] as const;
export type CrossBorder = (typeof CROSS_BORDER_CODES)[number];

export const RESIDENCE_PERMIT_CODES = [
  'NONE',
  'TEMPORARY_COOPERATION',
  'TEMPORARY_HUMANITARIAN',
  'PERMANENT',
  'INTERNATIONAL_PROTECTION',
] as const;
export type ResidencePermit = (typeof RESIDENCE_PERMIT_CODES)[number];

export const COMPENSATION_CODES = ['NONE', 'CLAIMED', 'AWARDED', 'PAID'] as const;
export type Compensation = (typeof COMPENSATION_CODES)[number];

export const RETURN_CODES = ['NONE', 'VOLUNTARY', 'FORCED'] as const;
export type Return = (typeof RETURN_CODES)[number];

export const LEGAL_DEFINITION_CODES = ['PALERMO', 'EU_DIRECTIVE', 'NATIONAL_NARROWER', 'NATIONAL_WIDER'] as const;
export type LegalDefinition = (typeof LEGAL_DEFINITION_CODES)[number];

export const IDENTIFICATION_THRESHOLD_CODES = ['REFERRAL', 'AUTHORITY', 'PROCEEDINGS'] as const;
export type IdentificationThreshold = (typeof IDENTIFICATION_THRESHOLD_CODES)[number];

/** Eurostat's observation flags, in the canonical order in which combined flags are written. */
export const OBSERVATION_FLAG_CODES = [':', '-', 'b', 'c', 'd', 'e', 'p', 'r', 'u', 'z'] as const;
export type ObservationFlag = (typeof OBSERVATION_FLAG_CODES)[number];

export const DIMENSION_IDS = [
  'geo',
  'time',
  'leg_stat',
  'sex',
  'age',
  'citizen',
  'exploit',
  'reg_org',
  'permit',
  'compens',
  'return',
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];
/** Dimensions a country may declare as not collected (every dimension but geo and time). */
export type Breakdown = Exclude<DimensionId, 'geo' | 'time'>;

export const DATASET_IDS = [
  'victims_sex_age',
  'victims_exploitation',
  'victims_citizenship',
  'victims_registering_org',
  'offenders_stage',
  'protection',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export const EU_MEMBER_CODES = [
  'BE',
  'DE',
  'FR',
  'IT',
  'LU',
  'NL',
  'DK',
  'IE',
  'UK',
  'EL',
  'ES',
  'PT',
  'AT',
  'FI',
  'SE',
  'CY',
  'CZ',
  'EE',
  'HU',
  'LT',
  'LV',
  'MT',
  'PL',
  'SI',
  'SK',
  'BG',
  'RO',
  'HR',
] as const satisfies readonly CountryCode[];

export const COUNTRY_GROUP_CODES = ['EU27_2020'] as const;
export type CountryGroupCode = (typeof COUNTRY_GROUP_CODES)[number];

export const LEGAL_STATUS = defineCodeList(legalStatusFile, LEGAL_STATUS_CODES);
export const SEX = defineCodeList(sexFile, SEX_CODES);
export const AGE_GROUP = defineCodeList(ageGroupFile, AGE_GROUP_CODES);
export const CHILD_ADULT = defineCodeList(childAdultFile, CHILD_ADULT_CODES);
export const CITIZENSHIP_GROUP = defineCodeList(citizenshipGroupFile, CITIZENSHIP_GROUP_CODES);
export const CITIZENSHIP_SPECIAL = defineCodeList(citizenshipSpecialFile, CITIZENSHIP_SPECIAL_CODES);
export const COUNTRY = defineCodeList(countryFile, COUNTRY_CODES);
export const EXPLOITATION = defineCodeList(exploitationFile, EXPLOITATION_CODES);
export const NACE_SECTION = defineCodeList(naceSectionFile, NACE_SECTION_CODES);
export const REGISTERING_ORGANISATION = defineCodeList(registeringOrganisationFile, REGISTERING_ORGANISATION_CODES);
export const CROSS_BORDER = defineCodeList(crossBorderFile, CROSS_BORDER_CODES);
export const RESIDENCE_PERMIT = defineCodeList(residencePermitFile, RESIDENCE_PERMIT_CODES);
export const COMPENSATION = defineCodeList(compensationFile, COMPENSATION_CODES);
export const RETURN = defineCodeList(returnFile, RETURN_CODES);
export const LEGAL_DEFINITION = defineCodeList(legalDefinitionFile, LEGAL_DEFINITION_CODES);
export const IDENTIFICATION_THRESHOLD = defineCodeList(identificationThresholdFile, IDENTIFICATION_THRESHOLD_CODES);
export const OBSERVATION_FLAG = defineCodeList(observationFlagFile, OBSERVATION_FLAG_CODES);
export const DIMENSION = defineCodeList(dimensionFile, DIMENSION_IDS);
export const DATASET = defineCodeList(datasetFile, DATASET_IDS);
export const EU_MEMBERSHIP = defineCodeList(euMembershipFile, EU_MEMBER_CODES);
export const COUNTRY_GROUP = defineCodeList(countryGroupFile, COUNTRY_GROUP_CODES);

/** Every code list of the standard by its file id (schemas/code-lists/<id>.json). */
export const CODE_LISTS: Readonly<Record<string, CodeList<string>>> = Object.fromEntries(
  [
    LEGAL_STATUS,
    SEX,
    AGE_GROUP,
    CHILD_ADULT,
    CITIZENSHIP_GROUP,
    CITIZENSHIP_SPECIAL,
    COUNTRY,
    EXPLOITATION,
    NACE_SECTION,
    REGISTERING_ORGANISATION,
    CROSS_BORDER,
    RESIDENCE_PERMIT,
    COMPENSATION,
    RETURN,
    LEGAL_DEFINITION,
    IDENTIFICATION_THRESHOLD,
    OBSERVATION_FLAG,
    DIMENSION,
    DATASET,
    EU_MEMBERSHIP,
    COUNTRY_GROUP,
  ].map((list) => [list.id, list]),
);

export function isCountryCode(value: string): value is CountryCode {
  return COUNTRY.byCode.has(value);
}

export function isCitizenship(value: string): value is Citizenship {
  return COUNTRY.byCode.has(value) || CITIZENSHIP_SPECIAL.byCode.has(value);
}

export function isVictimStatus(status: LegalStatus): status is VictimStatus {
  return status === 'PRESUMED_VICTIM' || status === 'IDENTIFIED_VICTIM';
}
