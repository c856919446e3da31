import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ReturnsErrorCode {
  /** Not `YYYY-Qn` (a quarter) or `YYYY` (the registrations known only to the year). */
  INVALID_PERIOD = 'INVALID_PERIOD',
  /** The period has not begun: nothing can have been registered in it. */
  PERIOD_NOT_STARTED = 'PERIOD_NOT_STARTED',
  INVALID_LIMIT = 'INVALID_LIMIT',
}

const categoryOfCode: Readonly<Record<ReturnsErrorCode, DomainExceptionCategory>> = {
  [ReturnsErrorCode.INVALID_PERIOD]: 'BAD_INPUT',
  [ReturnsErrorCode.PERIOD_NOT_STARTED]: 'BAD_INPUT',
  [ReturnsErrorCode.INVALID_LIMIT]: 'BAD_INPUT',
};

export class ReturnsException extends defineDomainException<ReturnsErrorCode>('ReturnsException', categoryOfCode) {}
