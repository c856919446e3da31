import { defineDomainException, type DomainExceptionCategory } from '#app/common';

/** Refusals of a scalar argument before any resolver runs; the same code wherever the scalar is used. */
export enum ScalarInputErrorCode {
  /** Not `YYYY-Qn` (a quarter) or `YYYY` (a year). */
  INVALID_PERIOD = 'INVALID_PERIOD',
  /** Not a UUID in its canonical text form. */
  INVALID_ID = 'INVALID_ID',
}

const categoryOfCode: Readonly<Record<ScalarInputErrorCode, DomainExceptionCategory>> = {
  [ScalarInputErrorCode.INVALID_PERIOD]: 'BAD_INPUT',
  [ScalarInputErrorCode.INVALID_ID]: 'BAD_INPUT',
};

/**
 * Thrown by a scalar's parser. graphql-js wraps it and knows where the value was (the variable and the path inside
 * it); `formatGraphQLError` puts that path into `fields`, since the scalar itself never sees it.
 */
export class ScalarInputException extends defineDomainException<ScalarInputErrorCode>('ScalarInputException', categoryOfCode) {}
