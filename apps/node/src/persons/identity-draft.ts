import type { IdentityFields } from '#app/crypto';
import { isPlausibleBirthDate, MAX_PLAUSIBLE_AGE, tryParseIsoDate, type IsoDate } from '#app/standard';
import { type InputProblem, PersonsErrorCode } from './persons.exception.js';
import type { Checked } from './registration-draft.js';

/** The identity fields as they arrive (GraphQL input or import row). */
export interface IdentityFieldsInput {
  readonly givenNames?: string | null;
  readonly familyNames?: string | null;
  readonly birthDate?: string | null;
  readonly documentNumbers?: readonly string[] | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly address?: string | null;
  readonly notes?: string | null;
}

export interface IdentityDraft {
  readonly identity: IdentityFields;
  readonly birthDate: IsoDate | undefined;
}

const textLimits = {
  givenNames: 300,
  familyNames: 300,
  phone: 100,
  email: 320,
  address: 1_000,
  notes: 20_000,
} as const;
const MAX_DOCUMENTS = 20;
const MAX_DOCUMENT_LENGTH = 100;

/** Checks an identity block (lengths, a real birth date not in the future); problems name fields, never values. */
export function draftIdentity(input: IdentityFieldsInput | null | undefined, today: IsoDate, path: string): Checked<IdentityDraft> {
  const problems: InputProblem[] = [];
  const identity: Record<string, string | string[]> = {};
  for (const [field, limit] of Object.entries(textLimits)) {
    const value = input?.[field as keyof typeof textLimits];
    if (value === undefined || value === null || value === '') continue;
    if (value.length > limit) {
      problems.push({
        path: `${path}.${field}`,
        code: PersonsErrorCode.TOO_LONG,
        message: `${field} must have at most ${limit} characters`,
      });
    }
    identity[field] = value;
  }
  const documents = (input?.documentNumbers ?? []).filter((document) => document !== '');
  if (documents.length > MAX_DOCUMENTS) {
    problems.push({
      path: `${path}.documentNumbers`,
      code: PersonsErrorCode.TOO_MANY,
      message: `at most ${MAX_DOCUMENTS} document numbers`,
    });
  }
  documents.forEach((document, index) => {
    if (document.length > MAX_DOCUMENT_LENGTH) {
      problems.push({
        path: `${path}.documentNumbers.${index}`,
        code: PersonsErrorCode.TOO_LONG,
        message: `a document number has at most ${MAX_DOCUMENT_LENGTH} characters`,
      });
    }
  });
  if (documents.length > 0) identity['documentNumbers'] = documents;

  let birthDate: IsoDate | undefined;
  const rawBirthDate = input?.birthDate;
  if (rawBirthDate !== undefined && rawBirthDate !== null && rawBirthDate !== '') {
    birthDate = tryParseIsoDate(rawBirthDate);
    if (birthDate === undefined) {
      problems.push({ path: `${path}.birthDate`, code: PersonsErrorCode.FORMAT, message: 'birthDate must be a calendar date YYYY-MM-DD' });
    } else if (birthDate > today) {
      problems.push({ path: `${path}.birthDate`, code: PersonsErrorCode.OUT_OF_RANGE, message: 'birthDate is in the future' });
      birthDate = undefined;
    } else if (!isPlausibleBirthDate(birthDate, today)) {
      problems.push({
        path: `${path}.birthDate`,
        code: PersonsErrorCode.OUT_OF_RANGE,
        message: `birthDate gives an age above ${MAX_PLAUSIBLE_AGE} years`,
      });
      birthDate = undefined;
    } else {
      identity['birthDate'] = birthDate;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { identity: identity as IdentityFields, birthDate } };
}
