import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ReturnsErrorCode {
  /** The period has not begun: nothing can have been registered in it. */
  PERIOD_NOT_STARTED = 'PERIOD_NOT_STARTED',
  /** Before the node's first reporting period (NODE_FIRST_PERIOD, never before 2000): a typo, or no data. */
  PERIOD_TOO_EARLY = 'PERIOD_TOO_EARLY',
}

const categoryOfCode: Readonly<Record<ReturnsErrorCode, DomainExceptionCategory>> = {
  [ReturnsErrorCode.PERIOD_NOT_STARTED]: 'BAD_INPUT',
  [ReturnsErrorCode.PERIOD_TOO_EARLY]: 'BAD_INPUT',
};

export class ReturnsException extends defineDomainException<ReturnsErrorCode>('ReturnsException', categoryOfCode) {}
