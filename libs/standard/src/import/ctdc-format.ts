import { type AgeGroup, type Citizenship, type Exploitation, type VictimStatus } from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import { countryFromIso } from '../countries/eurostat-spelling.js';
import { ageGroupOfBand } from '../derivations/age-group.js';
import type { ExploitationForms, RecordConsent } from '../records/pseudonymised-record.js';
import { type CommonImportOptions, type CsvFormat, type ImportItem, type RowCells, type RowOutcome, importCsv } from './csv-import.js';
import type { CsvSource } from './csv-record-reader.js';
import type { ImportReport } from './import-problem.js';
import { NOT_IN_SOURCE } from './import-report.builder.js';
import { RowReader } from './row-reader.js';

/** The CTDC / HTCDS columns the mapping reads; other columns of such exports are ignored. */
export const CTDC_COLUMNS = [
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'citizenship',
  'isForcedLabour',
  'isSexualExploit',
  'CountryOfExploitation',
] as const;

export interface CtdcImportOptions extends CommonImportOptions {
  /** CTDC has no consent columns: the importing node states the basis on which it holds and may send the records. */
  readonly consent: RecordConsent;
  /** CTDC counts identified victims; a node whose source differs says so. */
  readonly legalStatus?: VictimStatus;
  /** Person ids are `<prefix><data row number>`; a prefix per source file keeps two files' ids apart. */
  readonly personIdPrefix?: string;
  /** The node's current year: a registration year after it is refused, as the node refuses it when typed in. */
  readonly currentYear?: number;
}

const sexByGender: ReadonlyMap<string, 'F' | 'M' | 'UNK'> = new Map([
  ['Female', 'F'],
  ['Male', 'M'],
  ['', 'UNK'],
]);
const flagValues: ReadonlyMap<string, boolean | undefined> = new Map([
  ['1.0', true],
  ['1', true],
  ['0.0', false],
  ['0', false],
  ['', undefined],
]);
const bandPattern = /^(\d{1,3})(?:--(\d{1,3})|\+)$/;

/** The CTDC mapping as a format for importCsv. */
export function ctdcFormat(options: CtdcImportOptions): CsvFormat {
  const prefix = options.personIdPrefix ?? 'ctdc-row-';
  const legalStatus = options.legalStatus ?? 'IDENTIFIED_VICTIM';
  const consent = { statistics: options.consent.statistics, international: options.consent.international };
  return {
    name: 'ctdc',
    requiredColumns: CTDC_COLUMNS,
    requiredOneOf: [],
    mapRow: (cells, row) => mapCtdcRow(cells, `${prefix}${row}`, legalStatus, consent, options.currentYear),
  };
}

/**
 * Streams a CTDC-shaped export onto the standard. Each row is a victim registered in a year: the registration is
 * kept as year-only (its records carry a year period, counted in annual figures only). Values without a clean match
 * become UNK or a coarse age code and are counted in the report; a row without a country of exploitation, an unknown
 * code or a malformed year is rejected.
 */
export function importCtdcCsv(source: CsvSource, options: CtdcImportOptions): AsyncGenerator<ImportItem, ImportReport, undefined> {
  return importCsv(source, ctdcFormat(options), options);
}

function mapCtdcRow(
  cells: RowCells,
  personId: string,
  legalStatus: VictimStatus,
  consent: RecordConsent,
  currentYear: number | undefined,
): RowOutcome {
  const read = new RowReader(cells);
  const mapped: { column: string; sourceValue: string; mappedTo: string }[] = [];
  const year = readYear(read, currentYear);
  const country = readReportingCountry(read);
  const sex = readSex(read, mapped);
  const ageGroup = readAgeBand(read, mapped);
  const citizenship = readCitizenship(read, mapped);
  const exploitation = readExploitation(read, mapped);
  if (
    read.problems.length > 0 ||
    year === undefined ||
    country === undefined ||
    sex === undefined ||
    ageGroup === undefined ||
    citizenship === undefined ||
    exploitation === undefined
  ) {
    return { ok: false, problems: read.problems };
  }
  mapped.push(
    { column: 'registeringOrganisation', sourceValue: NOT_IN_SOURCE, mappedTo: 'UNK' },
    { column: 'crossBorder', sourceValue: NOT_IN_SOURCE, mappedTo: 'UNK' },
  );
  return {
    ok: true,
    personId,
    facts: {
      country,
      registration: { precision: 'year', year },
      legalStatus,
      sex,
      ageGroup,
      citizenship,
      exploitation,
      registeringOrganisation: 'UNK',
      crossBorder: 'UNK',
      consent,
    },
    identity: {},
    mapped,
  };
}

function readYear(read: RowReader, currentYear: number | undefined): number | undefined {
  const value = read.text('yearOfRegistration', true, 4);
  if (value === undefined) return undefined;
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 1900 && year <= 2100))
    return read.problem('yearOfRegistration', 'FORMAT', 'yearOfRegistration must be a year from 1900 to 2100');
  if (currentYear !== undefined && year > currentYear)
    return read.problem('yearOfRegistration', 'OUT_OF_RANGE', 'yearOfRegistration is after the current year');
  return year;
}

function readReportingCountry(read: RowReader): CountryCode | undefined {
  const value = read.raw('CountryOfExploitation') ?? '';
  if (value === '' || value === '0') {
    return read.problem(
      'CountryOfExploitation',
      'NO_REPORTING_COUNTRY',
      'no country of exploitation (blank or 0): no country to report the row',
    );
  }
  return (
    countryFromIso(value) ??
    read.problem('CountryOfExploitation', 'UNKNOWN_CODE', 'CountryOfExploitation: not an ISO 3166-1 alpha-2 country code')
  );
}

function readSex(read: RowReader, mapped: { column: string; sourceValue: string; mappedTo: string }[]): 'F' | 'M' | 'UNK' | undefined {
  const value = read.raw('gender') ?? '';
  const sex = sexByGender.get(value);
  if (sex === undefined) return read.problem('gender', 'UNKNOWN_CODE', 'gender must be Female, Male or blank');
  if (sex === 'UNK') mapped.push({ column: 'gender', sourceValue: value, mappedTo: sex });
  return sex;
}

function readAgeBand(read: RowReader, mapped: { column: string; sourceValue: string; mappedTo: string }[]): AgeGroup | undefined {
  const value = read.raw('ageBroad') ?? '';
  if (value === '') {
    mapped.push({ column: 'ageBroad', sourceValue: '', mappedTo: 'UNK' });
    return 'UNK';
  }
  const match = bandPattern.exec(value);
  if (!match) return read.problem('ageBroad', 'UNKNOWN_CODE', "ageBroad must be a band such as '9--17' or '48+', or blank");
  const from = Number(match[1]);
  const to = match[2] === undefined ? undefined : Number(match[2]);
  if (to !== undefined && to < from) return read.problem('ageBroad', 'UNKNOWN_CODE', 'ageBroad band ends before it starts');
  const group = ageGroupOfBand(from, to);
  if (group === 'UNK' || group === 'Y_LT18' || group === 'Y_GE18') mapped.push({ column: 'ageBroad', sourceValue: value, mappedTo: group });
  return group;
}

function readCitizenship(read: RowReader, mapped: { column: string; sourceValue: string; mappedTo: string }[]): Citizenship | undefined {
  const value = read.raw('citizenship') ?? '';
  if (value === '' || value === '0') {
    mapped.push({ column: 'citizenship', sourceValue: value, mappedTo: 'UNK' });
    return 'UNK';
  }
  const country = countryFromIso(value);
  if (country === undefined) return read.problem('citizenship', 'UNKNOWN_CODE', 'citizenship: not an ISO 3166-1 alpha-2 country code');
  if (country !== value) mapped.push({ column: 'citizenship', sourceValue: value, mappedTo: country });
  return country;
}

function readExploitation(
  read: RowReader,
  mapped: { column: string; sourceValue: string; mappedTo: string }[],
): ExploitationForms | undefined {
  const labourText = read.raw('isForcedLabour') ?? '';
  const sexualText = read.raw('isSexualExploit') ?? '';
  const labour = flagValues.get(labourText);
  const sexual = flagValues.get(sexualText);
  if (!flagValues.has(labourText)) read.problem('isForcedLabour', 'UNKNOWN_CODE', 'isForcedLabour must be 1.0, 0.0 or blank');
  if (!flagValues.has(sexualText)) read.problem('isSexualExploit', 'UNKNOWN_CODE', 'isSexualExploit must be 1.0, 0.0 or blank');
  if (!flagValues.has(labourText) || !flagValues.has(sexualText)) return undefined;
  const forms: Exploitation[] = [...(sexual === true ? ['SEXUAL' as const] : []), ...(labour === true ? ['LABOUR' as const] : [])];
  const [first, ...rest] = forms;
  if (first !== undefined) return [first, ...rest];
  mapped.push({ column: 'isForcedLabour+isSexualExploit', sourceValue: `${labourText}+${sexualText}`, mappedTo: 'UNK' });
  return ['UNK'];
}
