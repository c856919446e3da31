import {
  AGE_GROUP,
  type AgeGroup,
  CITIZENSHIP_SPECIAL,
  COMPENSATION,
  CROSS_BORDER,
  EXPLOITATION,
  type Exploitation,
  LEGAL_STATUS,
  NACE_SECTION,
  REGISTERING_ORGANISATION,
  RESIDENCE_PERMIT,
  RETURN,
  SEX,
  type Citizenship,
  isVictimStatus,
} from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import { countryFromIso } from '../countries/eurostat-spelling.js';
import { ageGroupAt, isPlausibleBirthDate, MAX_PLAUSIBLE_AGE } from '../derivations/age-group.js';
import type { CaseFacts, IdentityFields } from '../records/case-facts.js';
import type { ExploitationForms, Protection } from '../records/pseudonymised-record.js';
import { type IsoDate, tryParseIsoDate } from '../time/iso-date.js';
import { recordRuleViolations } from '../validation/record-rules.js';
import type { ValidationErrorCode } from '../validation/validation-error.js';
import { type CommonImportOptions, type CsvFormat, type ImportItem, type RowCells, type RowOutcome, importCsv } from './csv-import.js';
import type { CsvSource } from './csv-record-reader.js';
import type { ImportReport, RowProblemCode } from './import-problem.js';
import { RowReader, unknownCodeMessage } from './row-reader.js';

/** Columns of the standard's CSV template (libs/standard/README.md documents each). */
export const TEMPLATE_COLUMNS = {
  required: [
    'personId',
    'registrationDate',
    'legalStatus',
    'sex',
    'citizenship',
    'exploitation',
    'registeringOrganisation',
    'crossBorder',
    'consentStatistics',
    'consentInternational',
  ],
  /** At least one of the two; birthDate wins when both are filled (and must agree with ageGroup). */
  age: ['birthDate', 'ageGroup'],
  optional: ['labourSector'],
  protection: ['reflectionPeriodDays', 'residencePermit', 'assistance', 'assistanceConditionalOnCooperation', 'compensation', 'returned'],
  /** Go to the node's vault only. */
  identity: ['givenName', 'familyName', 'documentNumber', 'phone', 'email', 'address', 'notes'],
} as const;

export interface TemplateImportOptions extends CommonImportOptions {
  /** The node's country: every row is a registration in it. */
  readonly country: CountryCode;
  /** The node's calendar day: a registration after it is refused, as the node refuses it when typed in. */
  readonly today?: IsoDate;
}

const allColumns: readonly string[] = [
  ...TEMPLATE_COLUMNS.required,
  ...TEMPLATE_COLUMNS.age,
  ...TEMPLATE_COLUMNS.optional,
  ...TEMPLATE_COLUMNS.protection,
  ...TEMPLATE_COLUMNS.identity,
];

const booleanWords: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['1', true],
  ['0', false],
]);

const ruleColumns: Readonly<Record<string, string>> = {
  '/registeringOrganisation': 'registeringOrganisation',
  '/protection': 'residencePermit, compensation, returned, reflectionPeriodDays, assistance, assistanceConditionalOnCooperation',
  '/labourSector': 'labourSector',
};

/** The CSV template as a format for importCsv. */
export function templateFormat(country: CountryCode, today?: IsoDate): CsvFormat {
  return {
    name: 'template',
    requiredColumns: TEMPLATE_COLUMNS.required,
    requiredOneOf: [TEMPLATE_COLUMNS.age],
    knownColumns: allColumns,
    mapRow: (cells) => mapTemplateRow(cells, country, today),
  };
}

/** Streams a file in the standard's template (see importCsv for the contract). */
export function importTemplateCsv(source: CsvSource, options: TemplateImportOptions): AsyncGenerator<ImportItem, ImportReport, undefined> {
  return importCsv(source, templateFormat(options.country, options.today), options);
}

function mapTemplateRow(cells: RowCells, country: CountryCode, today: IsoDate | undefined): RowOutcome {
  const read = new RowReader(cells);
  const mapped: { column: string; sourceValue: string; mappedTo: string }[] = [];
  const personId = read.text('personId', true, 128);
  const registrationDate = notAfter(read, 'registrationDate', readDate(read, 'registrationDate', true), today);
  const legalStatus = read.code('legalStatus', LEGAL_STATUS, true);
  const sex = read.code('sex', SEX, true, ' (UNK if unknown)');
  const birthDate = readDate(read, 'birthDate', false);
  const ageGroup = readAgeGroup(read, birthDate, registrationDate);
  const citizenship = readCitizenship(read, mapped);
  const exploitation = readExploitation(read);
  const labourSector = read.code('labourSector', NACE_SECTION, false);
  const registeringOrganisation = read.code('registeringOrganisation', REGISTERING_ORGANISATION, false);
  const crossBorder = read.code('crossBorder', CROSS_BORDER, true, ' (UNK if unknown)');
  const statistics = readBoolean(read, 'consentStatistics', true);
  const international = readBoolean(read, 'consentInternational', true);
  const protection = readProtection(read);
  const identity = readIdentity(read, birthDate);

  if (legalStatus !== undefined && exploitation !== undefined) {
    for (const violation of recordRuleViolations({ legalStatus, exploitation, labourSector, registeringOrganisation, protection })) {
      const column = ruleColumns[violation.pointer] ?? violation.pointer;
      // A cell already rejected (an unknown organisation code) is not reported a second time as missing.
      if (!read.problems.some((problem) => problem.column === column))
        read.problem(column, ruleProblemCode(violation.code), violation.message);
    }
  }
  if (
    read.problems.length > 0 ||
    personId === undefined ||
    registrationDate === undefined ||
    legalStatus === undefined ||
    sex === undefined ||
    ageGroup === undefined ||
    citizenship === undefined ||
    exploitation === undefined ||
    crossBorder === undefined ||
    statistics === undefined ||
    international === undefined
  ) {
    return { ok: false, problems: read.problems };
  }
  const common = {
    country,
    registration: { precision: 'day' as const, date: registrationDate },
    sex,
    ageGroup,
    citizenship,
    exploitation,
    ...(labourSector === undefined ? {} : { labourSector }),
    crossBorder,
    consent: { statistics, international },
  };
  let facts: CaseFacts;
  if (isVictimStatus(legalStatus)) {
    // The rules above guarantee an organisation for victims.
    facts = {
      ...common,
      legalStatus,
      registeringOrganisation: registeringOrganisation ?? 'UNK',
      ...(protection === undefined ? {} : { protection }),
    };
  } else {
    facts = { ...common, legalStatus };
  }
  return { ok: true, personId, facts, identity, mapped };
}

function ruleProblemCode(code: ValidationErrorCode): RowProblemCode {
  return code === 'VICTIMS_ONLY' || code === 'LABOUR_SECTOR_WITHOUT_LABOUR' ? code : 'REQUIRED';
}

function readDate(read: RowReader, column: string, required: boolean): IsoDate | undefined {
  const value = read.text(column, required, 10);
  if (value === undefined) return undefined;
  const date = tryParseIsoDate(value);
  return date ?? read.problem(column, 'FORMAT', `${column} must be a calendar date written YYYY-MM-DD`);
}

function notAfter(read: RowReader, column: string, date: IsoDate | undefined, today: IsoDate | undefined): IsoDate | undefined {
  if (date === undefined || today === undefined || date <= today) return date;
  return read.problem(column, 'OUT_OF_RANGE', `${column} is after today`);
}

function readAgeGroup(read: RowReader, birthDate: IsoDate | undefined, registrationDate: IsoDate | undefined): AgeGroup | undefined {
  const stated = read.code('ageGroup', AGE_GROUP, false);
  if ((read.raw('birthDate') ?? '') === '') {
    if ((read.raw('ageGroup') ?? '') === '') return read.problem('ageGroup', 'REQUIRED', 'give birthDate or ageGroup (UNK if unknown)');
    return stated;
  }
  // A malformed date was reported by readDate; without both dates there is no age to derive.
  if (birthDate === undefined || registrationDate === undefined) return undefined;
  if (birthDate > registrationDate) return read.problem('birthDate', 'BIRTH_AFTER_REGISTRATION', 'birthDate is after registrationDate');
  if (!isPlausibleBirthDate(birthDate, registrationDate)) {
    return read.problem('birthDate', 'OUT_OF_RANGE', `birthDate gives an age above ${MAX_PLAUSIBLE_AGE} at registrationDate`);
  }
  const derived = ageGroupAt(birthDate, registrationDate);
  if (stated !== undefined && stated !== derived) {
    return read.problem('ageGroup', 'AGE_MISMATCH', 'ageGroup disagrees with the age derived from birthDate at registrationDate');
  }
  return derived;
}

function readCitizenship(read: RowReader, mapped: { column: string; sourceValue: string; mappedTo: string }[]): Citizenship | undefined {
  const value = read.text('citizenship', true, 10);
  if (value === undefined) return undefined;
  if (value === 'STLS' || value === 'UNK') return value;
  const country = countryFromIso(value);
  if (country === undefined) {
    return read.problem(
      'citizenship',
      'UNKNOWN_CODE',
      `citizenship: not an ISO 3166-1 alpha-2 country code, ${CITIZENSHIP_SPECIAL.codes.join(' or ')}`,
    );
  }
  if (country !== value) mapped.push({ column: 'citizenship', sourceValue: value, mappedTo: country });
  return country;
}

function readExploitation(read: RowReader): ExploitationForms | undefined {
  const value = read.text('exploitation', true);
  if (value === undefined) return undefined;
  const parts = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const forms: Exploitation[] = [];
  for (const part of parts) {
    if (!EXPLOITATION.byCode.has(part))
      return read.problem('exploitation', 'UNKNOWN_CODE', unknownCodeMessage('exploitation', EXPLOITATION));
    if (forms.includes(part as Exploitation)) return read.problem('exploitation', 'DUPLICATE_ITEM', 'exploitation lists a form twice');
    forms.push(part as Exploitation);
  }
  if (forms.includes('UNK') && forms.length > 1) {
    return read.problem('exploitation', 'UNKNOWN_CODE', 'exploitation: UNK cannot be combined with known forms');
  }
  // Code-list order, so that the same forms always give the same record.
  const ordered = EXPLOITATION.codes.filter((code) => forms.includes(code));
  const [first, ...rest] = ordered;
  return first === undefined
    ? read.problem('exploitation', 'REQUIRED', 'exploitation needs at least one form (UNK if unknown)')
    : [first, ...rest];
}

function readBoolean(read: RowReader, column: string, required: boolean): boolean | undefined {
  const value = read.text(column, required, 5);
  if (value === undefined) return undefined;
  const parsed = booleanWords.get(value.toLowerCase());
  return parsed ?? read.problem(column, 'FORMAT', `${column} must be true or false`);
}

function readProtection(read: RowReader): Protection | undefined {
  const reflectionText = read.text('reflectionPeriodDays', false, 5);
  let reflectionPeriod: number | undefined;
  if (reflectionText !== undefined) {
    reflectionPeriod = /^\d+$/.test(reflectionText) && Number(reflectionText) <= 3650 ? Number(reflectionText) : undefined;
    if (reflectionPeriod === undefined)
      read.problem('reflectionPeriodDays', 'OUT_OF_RANGE', 'reflectionPeriodDays must be a whole number of days from 0 to 3650');
  }
  const residencePermit = read.code('residencePermit', RESIDENCE_PERMIT, false);
  const assistance = readBoolean(read, 'assistance', false);
  const assistanceConditionalOnCooperation = readBoolean(read, 'assistanceConditionalOnCooperation', false);
  const compensation = read.code('compensation', COMPENSATION, false);
  const returned = read.code('returned', RETURN, false);
  const protection: Protection = {
    ...(reflectionPeriod === undefined ? {} : { reflectionPeriod }),
    ...(residencePermit === undefined ? {} : { residencePermit }),
    ...(assistance === undefined ? {} : { assistance }),
    ...(assistanceConditionalOnCooperation === undefined ? {} : { assistanceConditionalOnCooperation }),
    ...(compensation === undefined ? {} : { compensation }),
    ...(returned === undefined ? {} : { returned }),
  };
  return Object.keys(protection).length === 0 ? undefined : protection;
}

function readIdentity(read: RowReader, birthDate: IsoDate | undefined): IdentityFields {
  const identity: Record<string, string> = {};
  for (const column of TEMPLATE_COLUMNS.identity) {
    const value = read.text(column, false, column === 'notes' ? 20000 : 1000);
    if (value !== undefined) identity[column] = value;
  }
  return { ...identity, ...(birthDate === undefined ? {} : { birthDate }) };
}
