import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum RevocationsErrorCode {
  INVALID_NOTICE = 'INVALID_NOTICE',
  NODE_MISMATCH = 'NODE_MISMATCH',
  COUNTRY_NOT_ALLOWED = 'COUNTRY_NOT_ALLOWED',
  /** A noticeId already used by another node's notice. */
  NOTICE_ID_CONFLICT = 'NOTICE_ID_CONFLICT',
  /** A ledger filter that is no country code of the standard. */
  INVALID_COUNTRY = 'INVALID_COUNTRY',
}

const categoryOf: Readonly<Record<RevocationsErrorCode, DomainExceptionCategory>> = {
  [RevocationsErrorCode.INVALID_NOTICE]: 'BAD_INPUT',
  [RevocationsErrorCode.NODE_MISMATCH]: 'FORBIDDEN',
  [RevocationsErrorCode.COUNTRY_NOT_ALLOWED]: 'FORBIDDEN',
  [RevocationsErrorCode.NOTICE_ID_CONFLICT]: 'CONFLICT',
  [RevocationsErrorCode.INVALID_COUNTRY]: 'BAD_INPUT',
};

/** Refusals of a revocation notice; never quotes a pseudonym. */
export class RevocationsException extends defineDomainException<RevocationsErrorCode>('RevocationsException', categoryOf) {}
