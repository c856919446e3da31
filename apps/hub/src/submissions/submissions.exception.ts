import { defineDomainException, type DomainExceptionCategory } from '#app/common';

/** Codes of the contract (section 1) that the submission intake raises itself; libs/crypto raises the others. */
export enum SubmissionsErrorCode {
  INVALID_RETURN = 'INVALID_RETURN',
  NODE_MISMATCH = 'NODE_MISMATCH',
  COUNTRY_NOT_ALLOWED = 'COUNTRY_NOT_ALLOWED',
  STALE_REVISION = 'STALE_REVISION',
  /** A returnId already used by another node's return: refused rather than answered with someone else's receipt. */
  RETURN_ID_CONFLICT = 'RETURN_ID_CONFLICT',
}

const categoryOf: Readonly<Record<SubmissionsErrorCode, DomainExceptionCategory>> = {
  [SubmissionsErrorCode.INVALID_RETURN]: 'BAD_INPUT',
  [SubmissionsErrorCode.NODE_MISMATCH]: 'FORBIDDEN',
  [SubmissionsErrorCode.COUNTRY_NOT_ALLOWED]: 'FORBIDDEN',
  [SubmissionsErrorCode.STALE_REVISION]: 'CONFLICT',
  [SubmissionsErrorCode.RETURN_ID_CONFLICT]: 'CONFLICT',
};

/** Refusals of a return; messages carry ids, codes, counts and JSON pointers, never record values. */
export class SubmissionsException extends defineDomainException<SubmissionsErrorCode>('SubmissionsException', categoryOf) {}
