import { defineDomainException, type DomainExceptionCategory } from '#app/common';
import { ValidationErrorCode } from '#app/standard';

/** Codes of the person record: finding it, and the checks of its parts (identity, consent, registrations). */
export const PersonsErrorCode = {
  ...ValidationErrorCode,
  PERSON_NOT_FOUND: 'PERSON_NOT_FOUND',
  /** The person revoked consent: their record is closed for good. */
  PERSON_REVOKED: 'PERSON_REVOKED',
  /** An age group given alongside a birth date that gives another one. */
  AGE_GROUP_MISMATCH: 'AGE_GROUP_MISMATCH',
} as const;
export type PersonsErrorCode = (typeof PersonsErrorCode)[keyof typeof PersonsErrorCode];

/** One problem of an input, by its GraphQL path (`input.registrations.0.sex`). Messages never quote values. */
export interface InputProblem<Code extends string = PersonsErrorCode> {
  readonly path: string;
  readonly code: Code;
  readonly message: string;
}

export function categoryOfPersonsCode(code: PersonsErrorCode): DomainExceptionCategory {
  if (code === PersonsErrorCode.PERSON_NOT_FOUND) return 'NOT_FOUND';
  if (code === PersonsErrorCode.PERSON_REVOKED) return 'CONFLICT';
  return 'BAD_INPUT';
}

const categoryOfCode = Object.fromEntries(Object.values(PersonsErrorCode).map((code) => [code, categoryOfPersonsCode(code)])) as Record<
  PersonsErrorCode,
  DomainExceptionCategory
>;

export class PersonsException extends defineDomainException<PersonsErrorCode>('PersonsException', categoryOfCode) {}

/** The message of a list of input problems: the first one, and how many there are. */
export function messageOfProblems(problems: readonly InputProblem<string>[]): string {
  const [first] = problems;
  return problems.length === 1 ? `${first.path}: ${first.message}` : `${problems.length} problems, first ${first.path}: ${first.message}`;
}
