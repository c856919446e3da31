import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ReturnsErrorCode {
  /** The period has not begun: nothing can have been registered in it. */
  PERIOD_NOT_STARTED = 'PERIOD_NOT_STARTED',
}

const categoryOfCode: Readonly<Record<ReturnsErrorCode, DomainExceptionCategory>> = {
  [ReturnsErrorCode.PERIOD_NOT_STARTED]: 'BAD_INPUT',
};

export class ReturnsException extends defineDomainException<ReturnsErrorCode>('ReturnsException', categoryOfCode) {}
