import { defineDomainException, type DomainExceptionCategory } from '#app/common';
import type { InputProblem } from '../persons/persons.exception.js';

export enum ConsentErrorCode {
  /** Revocation is final: the identity is gone and the hub has been told. */
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  /** Withdrawing international consent means the hub must erase the person: that is `revokeConsent`. */
  WITHDRAWAL_REQUIRES_REVOCATION = 'WITHDRAWAL_REQUIRES_REVOCATION',
  FORMAT = 'FORMAT',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  NOT_ALLOWED = 'NOT_ALLOWED',
}

const categoryOfCode: Readonly<Record<ConsentErrorCode, DomainExceptionCategory>> = {
  [ConsentErrorCode.ALREADY_REVOKED]: 'CONFLICT',
  [ConsentErrorCode.WITHDRAWAL_REQUIRES_REVOCATION]: 'BAD_INPUT',
  [ConsentErrorCode.FORMAT]: 'BAD_INPUT',
  [ConsentErrorCode.OUT_OF_RANGE]: 'BAD_INPUT',
  [ConsentErrorCode.NOT_ALLOWED]: 'BAD_INPUT',
};

export class ConsentException extends defineDomainException<ConsentErrorCode>('ConsentException', categoryOfCode) {
  /** Consent input problems (from the shared consent check) under this feature's codes. */
  static invalidInput(problems: readonly InputProblem[]): ConsentException {
    const [first] = problems;
    const code = Object.values(ConsentErrorCode).find((candidate) => candidate === first.code) ?? ConsentErrorCode.NOT_ALLOWED;
    return new ConsentException(
      code,
      `${first.path}: ${first.message}`,
      problems.map((problem) => problem.path),
      { problems },
    );
  }
}
