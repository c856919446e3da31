import { defineDomainException, type DomainExceptionCategory } from '#app/common';
import { ValidationErrorCode } from '#app/standard';

/** Codes of the cases feature: its own, plus the data standard's validation codes for bad input. */
export const CasesErrorCode = {
  ...ValidationErrorCode,
  PERSON_NOT_FOUND: 'PERSON_NOT_FOUND',
  REGISTRATION_NOT_FOUND: 'REGISTRATION_NOT_FOUND',
  /** The person revoked consent: their record is closed for good. */
  PERSON_REVOKED: 'PERSON_REVOKED',
  DUPLICATE_EXTERNAL_REF: 'DUPLICATE_EXTERNAL_REF',
  /** A person has one registration per period and legal status. */
  DUPLICATE_REGISTRATION: 'DUPLICATE_REGISTRATION',
  /** An age group given alongside a birth date that gives another one. */
  AGE_GROUP_MISMATCH: 'AGE_GROUP_MISMATCH',
  INVALID_LIMIT: 'INVALID_LIMIT',
} as const;
export type CasesErrorCode = (typeof CasesErrorCode)[keyof typeof CasesErrorCode];

const categoryOfCode = Object.fromEntries(
  Object.values(CasesErrorCode).map((code): [CasesErrorCode, DomainExceptionCategory] => {
    switch (code) {
      case CasesErrorCode.PERSON_NOT_FOUND:
      case CasesErrorCode.REGISTRATION_NOT_FOUND:
        return [code, 'NOT_FOUND'];
      case CasesErrorCode.PERSON_REVOKED:
      case CasesErrorCode.DUPLICATE_EXTERNAL_REF:
      case CasesErrorCode.DUPLICATE_REGISTRATION:
        return [code, 'CONFLICT'];
      default:
        return [code, 'BAD_INPUT'];
    }
  }),
) as Record<CasesErrorCode, DomainExceptionCategory>;

/** One problem of an input, by its GraphQL path (`input.registrations.0.sex`). Messages never quote values. */
export interface InputProblem {
  readonly path: string;
  readonly code: CasesErrorCode;
  readonly message: string;
}

export class CasesException extends defineDomainException<CasesErrorCode>('CasesException', categoryOfCode) {
  /** Every problem of an input at once: the code is the first problem's, `problems` lists them all. */
  static invalidInput(problems: readonly InputProblem[]): CasesException {
    const [first] = problems;
    const message =
      problems.length === 1 ? `${first.path}: ${first.message}` : `${problems.length} problems, first ${first.path}: ${first.message}`;
    return new CasesException(first.code, message, [...new Set(problems.map((problem) => problem.path))], { problems });
  }
}
