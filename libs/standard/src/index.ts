// Public API of the common data standard: code lists, record types, validators, derivations, the figure catalogue,
// observation flags, population denominators and CSV import. Pure TypeScript: no Nest, no database.
export { STANDARD_VERSION } from './standard-version.js';
export type { StandardVersion } from './standard-version.js';

export { codeListsOf, isCodeOfField } from './records/field-code-lists.js';
export { CODE_LABEL_LANGUAGES, defineCodeList, isCodeOf, labelIn, labelOf } from './code-lists/code-list.js';
export type { CodeLabelLanguage, CodeList, CodeListEntry, TranslatedLabels } from './code-lists/code-list.js';
export { COUNTRY_CODES } from './code-lists/country-codes.js';
export type { CountryCode } from './code-lists/country-codes.js';
export {
  AGE_GROUP,
  AGE_GROUP_CODES,
  CHILD_ADULT,
  CHILD_ADULT_CODES,
  CITIZENSHIP_GROUP,
  CITIZENSHIP_GROUP_CODES,
  CITIZENSHIP_SPECIAL,
  CITIZENSHIP_SPECIAL_CODES,
  CODE_LISTS,
  COARSE_AGE_GROUPS,
  COMPENSATION,
  COMPENSATION_CODES,
  COUNTRY,
  COUNTRY_GROUP,
  COUNTRY_GROUP_CODES,
  CROSS_BORDER,
  CROSS_BORDER_CODES,
  DATASET,
  DATASET_IDS,
  DIMENSION,
  DIMENSION_IDS,
  EU_MEMBERSHIP,
  EU_MEMBER_CODES,
  EXPLOITATION,
  EXPLOITATION_CODES,
  FINE_AGE_GROUPS,
  IDENTIFICATION_THRESHOLD,
  IDENTIFICATION_THRESHOLD_CODES,
  LEGAL_DEFINITION,
  LEGAL_DEFINITION_CODES,
  LEGAL_STATUS,
  LEGAL_STATUS_CODES,
  NACE_SECTION,
  NACE_SECTION_CODES,
  OBSERVATION_FLAG,
  OBSERVATION_FLAG_CODES,
  OFFENDER_STATUSES,
  REGISTERING_ORGANISATION,
  REGISTERING_ORGANISATION_CODES,
  RESIDENCE_PERMIT,
  RESIDENCE_PERMIT_CODES,
  RETURN,
  RETURN_CODES,
  SEX,
  SEX_CODES,
  VICTIM_STATUSES,
  isCitizenship,
  isCountryCode,
  isVictimStatus,
} from './code-lists/code-lists.js';
export type {
  AgeGroup,
  Breakdown,
  ChildAdult,
  Citizenship,
  CitizenshipGroup,
  CitizenshipSpecial,
  CoarseAgeGroup,
  Compensation,
  CountryGroupCode,
  CrossBorder,
  DatasetId,
  DimensionId,
  Exploitation,
  FineAgeGroup,
  IdentificationThreshold,
  LegalDefinition,
  LegalStatus,
  NaceSection,
  ObservationFlag,
  OffenderStatus,
  RegisteringOrganisation,
  ResidencePermit,
  Return,
  Sex,
  VictimStatus,
} from './code-lists/code-lists.js';

export {
  calendarDayOf,
  compareIsoDates,
  dateParts,
  daysInMonth,
  isIsoDate,
  isLeapYear,
  isoDate,
  parseIsoDate,
  tryParseIsoDate,
} from './time/iso-date.js';
export type { DateParts, IsoDate } from './time/iso-date.js';
export {
  addQuarters,
  comparePeriods,
  FIRST_REPORTABLE_YEAR,
  formatPeriod,
  isReportablePeriod,
  isSamePeriod,
  parsePeriod,
  parseQuarter,
  periodContains,
  periodContainsDate,
  periodEnd,
  periodStart,
  quarterOfDate,
  quarterPeriod,
  quartersOf,
  tryParsePeriod,
  yearOf,
  yearOfDate,
  yearPeriod,
} from './time/period.js';
export type { Period, Quarter, QuarterPeriod, YearPeriod } from './time/period.js';

export { countryFromIso, isoFromCountry } from './countries/eurostat-spelling.js';
export { euMembersAt, isEuMember } from './countries/eu-membership.js';
export { EU27_2020, STANDARD_COUNTRY_GROUPS, defineCountryGroup, isGroupMember } from './countries/country-group.js';
export type { CountryGroup } from './countries/country-group.js';

export {
  ageGroupAt,
  ageGroupOfAge,
  ageGroupOfBand,
  ageInYears,
  childOrAdult,
  isPlausibleBirthDate,
  MAX_PLAUSIBLE_AGE,
} from './derivations/age-group.js';
export { citizenshipGroup } from './derivations/citizenship-group.js';

export { PROTECTION_FIELDS, RECORD_FIELDS } from './records/pseudonymised-record.js';
export {
  CASE_FIELDS,
  PROTECTION_FIELD_DESCRIPTORS,
  RECORD_FIELD_DESCRIPTORS,
  caseFieldsOf,
  isNullableField,
  protectionFieldsOf,
  recordFieldValue,
} from './records/record-fields.js';
export type {
  AnyRecordField,
  CaseField,
  CaseFieldName,
  FieldSqlType,
  ProtectionField,
  ProtectionFieldName,
  RecordFieldDescriptor,
  CaseFieldsInput,
  ProtectionFieldsInput,
  StoredCaseFields,
  StoredProtectionFields,
  StoredValue,
} from './records/record-fields.js';
export type {
  ExploitationForms,
  OffenderRecord,
  Protection,
  PseudonymisedRecord,
  RecordConsent,
  VictimRecord,
} from './records/pseudonymised-record.js';
export { RETURN_FIELDS } from './records/quarterly-return.js';
export type { QuarterlyReturn } from './records/quarterly-return.js';
export { REVOCATION_FIELDS } from './records/revocation-notice.js';
export type { RevocationNotice } from './records/revocation-notice.js';
export { COUNTRY_METADATA_FIELDS } from './records/country-metadata.js';
export type { CountryMetadata } from './records/country-metadata.js';
export { registrationPeriod, toPseudonymisedRecord } from './records/case-facts.js';
export type { CaseFacts, IdentityFields, OffenderCaseFacts, Registration, VictimCaseFacts } from './records/case-facts.js';

export { ValidationErrorCode } from './validation/validation-error.js';
export type { ValidationError, ValidationResult } from './validation/validation-error.js';
export { validateCountryMetadata, validateRecord, validateReturn, validateRevocation } from './validation/validators.js';
export { recordRuleViolations } from './validation/record-rules.js';
export { SCHEMAS } from './validation/schema-registry.js';
export type { SchemaName } from './validation/schema-registry.js';

export { combineFlags, flagLabels, OBSERVATION_FLAG_LABELS, parseFlags } from './flags/observation-flags.js';

export {
  AGE_LEAF_OF_COARSE,
  DETAILED_AGE_DIMENSION,
  DIMENSION_LABELS,
  FIGURE_CATALOGUE,
  TOTAL,
  datasetDefinition,
} from './catalogue/figure-catalogue.js';
export type { CatalogueDimension, DatasetDefinition, DimensionCode } from './catalogue/figure-catalogue.js';
export { recordCoordinates, recordLeafCells } from './catalogue/record-coordinates.js';
export type { RecordCoordinates } from './catalogue/record-coordinates.js';

export { formatPopulationTable, population, populationYears } from './population/population-table.js';
export type {
  PopulationFigure,
  PopulationObservation,
  PopulationQuery,
  PopulationSex,
  PopulationTable,
} from './population/population-table.js';
export { EurostatTsvError, parseEurostatPopulationTsv } from './population/eurostat-tsv.parser.js';
export type { PopulationTableSource } from './population/eurostat-tsv.parser.js';
export { projectPopulationTable, validatePopulationTable } from './population/population-table.loader.js';

export { DEFAULT_MAX_RECORD_SIZE, importCsv, runImport } from './import/csv-import.js';
export type { CommonImportOptions, CsvFormat, ImportItem, ImportedCase } from './import/csv-import.js';
export type { CsvDelimiter, CsvSource } from './import/csv-record-reader.js';
export { CsvImportError, ImportFatalCode, RowProblemCode } from './import/import-problem.js';
export type {
  FatalProblem,
  ImportFormat,
  ImportOutcome,
  ImportReport,
  MappedValueCount,
  RowProblem,
  RowRejection,
} from './import/import-problem.js';
export { TEMPLATE_COLUMNS, importTemplateCsv, templateFormat } from './import/template-format.js';
export type { TemplateImportOptions } from './import/template-format.js';
export { CTDC_COLUMNS, ctdcFormat, importCtdcCsv } from './import/ctdc-format.js';
export type { CtdcImportOptions } from './import/ctdc-format.js';
