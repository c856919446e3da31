import { defineDomainException, type DomainExceptionCategory } from '#app/common';
import { categoryOfPersonsCode, type InputProblem, messageOfProblems, PersonsErrorCode } from '../persons/persons.exception.js';

/** Codes of the cases feature: its own, plus the person record's (which include the data standard's). */
export const CasesErrorCode = {
  ...PersonsErrorCode,
  REGISTRATION_NOT_FOUND: 'REGISTRATION_NOT_FOUND',
  DUPLICATE_EXTERNAL_REF: 'DUPLICATE_EXTERNAL_REF',
  /** A person has one registration per period and legal status. */
  DUPLICATE_REGISTRATION: 'DUPLICATE_REGISTRATION',
} as const;
export type CasesErrorCode = (typeof CasesErrorCode)[keyof typeof CasesErrorCode];

const categoryOfCode = Object.fromEntries(
  Object.values(CasesErrorCode).map((code): [CasesErrorCode, DomainExceptionCategory] => {
    switch (code) {
      case CasesErrorCode.REGISTRATION_NOT_FOUND:
        return [code, 'NOT_FOUND'];
      case CasesErrorCode.DUPLICATE_EXTERNAL_REF:
      case CasesErrorCode.DUPLICATE_REGISTRATION:
        return [code, 'CONFLICT'];
      default:
        return [code, categoryOfPersonsCode(code)];
    }
  }),
) as Record<CasesErrorCode, DomainExceptionCategory>;

export type CasesInputProblem = InputProblem<CasesErrorCode>;

export class CasesException extends defineDomainException<CasesErrorCode>('CasesException', categoryOfCode) {
  /** Every problem of an input at once: the code is the first problem's, `problems` lists them all. */
  static invalidInput(problems: readonly CasesInputProblem[]): CasesException {
    const [first] = problems;
    return new CasesException(first.code, messageOfProblems(problems), [...new Set(problems.map((problem) => problem.path))], { problems });
  }
}
