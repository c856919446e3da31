import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ReturnsErrorCode {
  /** The period has not begun: nothing can have been registered in it. */
  PERIOD_NOT_STARTED = 'PERIOD_NOT_STARTED',
  /** Before the node's first reporting period (NODE_FIRST_PERIOD, never before 2000): a typo, or no data. */
  PERIOD_TOO_EARLY = 'PERIOD_TOO_EARLY',
  /** No registration was ever in the period at this node: a true zero must be confirmed (confirmZero), a typo fixed. */
  ZERO_NOT_CONFIRMED = 'ZERO_NOT_CONFIRMED',
  /** confirmZero on a period that has registrations. */
  NOT_A_ZERO = 'NOT_A_ZERO',
}

const categoryOfCode: Readonly<Record<ReturnsErrorCode, DomainExceptionCategory>> = {
  [ReturnsErrorCode.PERIOD_NOT_STARTED]: 'BAD_INPUT',
  [ReturnsErrorCode.PERIOD_TOO_EARLY]: 'BAD_INPUT',
  [ReturnsErrorCode.ZERO_NOT_CONFIRMED]: 'BAD_INPUT',
  [ReturnsErrorCode.NOT_A_ZERO]: 'BAD_INPUT',
};

export class ReturnsException extends defineDomainException<ReturnsErrorCode>('ReturnsException', categoryOfCode) {}
