import {
  ageGroupAt,
  caseFieldsOf,
  ageGroupOfBand,
  ageInYears,
  formatPeriod,
  isoDate,
  quarterOfDate,
  tryParseIsoDate,
  validateRecord,
  type AgeGroup,
  type CaseFieldsInput,
  type IsoDate,
  type Protection,
  type ProtectionFieldsInput,
  type StoredCaseFields,
} from '#app/standard';
import { type InputProblem, PersonsErrorCode } from './persons.exception.js';

/** The fields of a registration as they arrive (GraphQL input or an import row), not yet checked. */
export type RegistrationFields = Omit<CaseFieldsInput, 'ageGroup'> & {
  readonly registrationDate?: string | null;
  readonly registrationYear?: number | null;
  /** Omitted: derived from the birth date, or UNK. */
  readonly ageGroup?: string | null;
  readonly protection?: ProtectionFieldsInput | null;
};

/** A registration checked against the data standard, ready to store: the standard's case fields and when. */
export type RegistrationDraft = StoredCaseFields & {
  readonly registrationDate: IsoDate | null;
  readonly period: string;
  readonly protection: Protection | null;
};

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: InputProblem[] };

export interface DraftContext {
  /** The node's country: the record's reporting country. */
  readonly country: string;
  /** The person's birth date, when the vault has one: the age group is derived from it. */
  readonly birthDate: IsoDate | undefined;
  /** Path of the birth date in the input, for problems it causes (`input.identity.birthDate`). */
  readonly birthDatePath: string;
  readonly today: IsoDate;
}

/** Stands in for the pseudonym while a registration is validated with the standard's record schema. */
const PLACEHOLDER_PSEUDONYM = 'A'.repeat(43);
const FIRST_YEAR = 1900;

/**
 * Checks one registration against the data standard and derives what the node derives: the period (quarter of the
 * registration date, or the year when only the year is known) and the age group at registration from the birth date.
 * `path` is where the registration sits in the input (`input.registrations.0`), so each problem names its field.
 */
export function draftRegistration(fields: RegistrationFields, context: DraftContext, path: string): Checked<RegistrationDraft> {
  const problems: InputProblem[] = [];
  const at = (field: string) => `${path}.${field}`;
  const timing = registrationTiming(fields, context.today, at, problems);
  const ageGroup = resolveAgeGroup(fields, timing, context, at, problems);

  const candidate = withoutAbsent({
    pseudonym: PLACEHOLDER_PSEUDONYM,
    country: context.country,
    period: timing?.period ?? String(FIRST_YEAR),
    ...caseFieldsOf(fields),
    ageGroup,
    protection: protectionOf(fields.protection),
    consent: { statistics: true, international: true },
  });
  const validation = validateRecord(candidate);
  if (!validation.ok) {
    for (const error of validation.errors) {
      problems.push({ path: pathOfPointer(error.pointer, path, fields), code: error.code, message: error.message });
    }
  }
  if (problems.length > 0 || timing === undefined || !validation.ok) return { ok: false, problems };
  const record = validation.value;
  return {
    ok: true,
    value: {
      registrationDate: timing.date,
      period: timing.period,
      ...caseFieldsOf(record),
      protection: 'protection' in record && record.protection !== undefined ? { ...record.protection } : null,
    },
  };
}

interface Timing {
  readonly date: IsoDate | null;
  readonly year: number;
  readonly period: string;
}

function registrationTiming(
  fields: RegistrationFields,
  today: IsoDate,
  at: (field: string) => string,
  problems: InputProblem[],
): Timing | undefined {
  const hasDate = fields.registrationDate !== undefined && fields.registrationDate !== null;
  const hasYear = fields.registrationYear !== undefined && fields.registrationYear !== null;
  if (hasDate && hasYear) {
    problems.push({
      path: at('registrationYear'),
      code: PersonsErrorCode.NOT_ALLOWED,
      message: 'give registrationDate or registrationYear, not both',
    });
    return undefined;
  }
  if (!hasDate && !hasYear) {
    problems.push({
      path: at('registrationDate'),
      code: PersonsErrorCode.REQUIRED,
      message: 'registrationDate (or registrationYear) is required',
    });
    return undefined;
  }
  if (hasDate) {
    const date = tryParseIsoDate(fields.registrationDate as string);
    if (date === undefined) {
      problems.push({
        path: at('registrationDate'),
        code: PersonsErrorCode.FORMAT,
        message: 'registrationDate must be a calendar date YYYY-MM-DD',
      });
      return undefined;
    }
    if (date > today || Number(date.slice(0, 4)) < FIRST_YEAR) {
      problems.push({
        path: at('registrationDate'),
        code: PersonsErrorCode.OUT_OF_RANGE,
        message: `registrationDate must be from ${FIRST_YEAR} to today`,
      });
      return undefined;
    }
    return { date, year: Number(date.slice(0, 4)), period: formatPeriod(quarterOfDate(date)) };
  }
  const year = fields.registrationYear as number;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > Number(today.slice(0, 4))) {
    problems.push({
      path: at('registrationYear'),
      code: PersonsErrorCode.OUT_OF_RANGE,
      message: `registrationYear must be from ${FIRST_YEAR} to this year`,
    });
    return undefined;
  }
  return { date: null, year, period: String(year) };
}

/**
 * The age group at registration: derived from the birth date when there is one (a year-only registration gets the
 * narrowest group covering the ages the person had during that year), else the one given, else UNK.
 */
function resolveAgeGroup(
  fields: RegistrationFields,
  timing: Timing | undefined,
  context: DraftContext,
  at: (field: string) => string,
  problems: InputProblem[],
): string {
  const given = fields.ageGroup ?? undefined;
  if (context.birthDate === undefined || timing === undefined) return given ?? 'UNK';
  const derived = derivedAgeGroup(context.birthDate, timing);
  if (derived === undefined) {
    problems.push({
      path: context.birthDatePath,
      code: PersonsErrorCode.OUT_OF_RANGE,
      message: 'the birth date is after the registration',
    });
    return given ?? 'UNK';
  }
  if (given !== undefined && given !== derived) {
    problems.push({
      path: at('ageGroup'),
      code: PersonsErrorCode.AGE_GROUP_MISMATCH,
      message: 'ageGroup differs from the one the birth date gives; omit it',
    });
  }
  return derived;
}

function derivedAgeGroup(birthDate: IsoDate, timing: Timing): AgeGroup | undefined {
  if (timing.date !== null) return timing.date < birthDate ? undefined : ageGroupAt(birthDate, timing.date);
  const lastDay = isoDate(timing.year, 12, 31);
  if (lastDay < birthDate) return undefined;
  const youngest = Math.max(0, ageInYears(birthDate, isoDate(timing.year, 1, 1)));
  return ageGroupOfBand(youngest, ageInYears(birthDate, lastDay));
}

function protectionOf(protection: ProtectionFieldsInput | null | undefined): Record<string, unknown> | undefined {
  if (protection === undefined || protection === null) return undefined;
  const present = withoutAbsent({ ...protection });
  return Object.keys(present).length === 0 ? undefined : present;
}

/** Drops null and undefined members: GraphQL sends null for omitted optional fields; the standard wants them absent. */
function withoutAbsent<T extends Readonly<Record<string, unknown>>>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined && member !== null));
}

/** Where a record pointer's problem sits in the input: `/exploitation/1` -> `input.registrations.0.exploitation.1`. */
function pathOfPointer(pointer: string, path: string, fields: RegistrationFields): string {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [first] = tokens;
  if (first === undefined || first === 'pseudonym' || first === 'country' || first === 'consent') return path;
  if (first === 'period') return `${path}.${fields.registrationDate ? 'registrationDate' : 'registrationYear'}`;
  return [path, ...tokens].join('.');
}
