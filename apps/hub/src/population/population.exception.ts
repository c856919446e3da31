import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum PopulationErrorCode {
  INVALID_POPULATION_TABLE = 'INVALID_POPULATION_TABLE',
  VERSION_EXISTS = 'POPULATION_VERSION_EXISTS',
  TABLE_NOT_FOUND = 'POPULATION_TABLE_NOT_FOUND',
  /** A population query naming a geo, year, sex or age that no population table can hold. */
  INVALID_POPULATION_QUERY = 'INVALID_POPULATION_QUERY',
}

const categoryOf: Readonly<Record<PopulationErrorCode, DomainExceptionCategory>> = {
  [PopulationErrorCode.INVALID_POPULATION_TABLE]: 'BAD_INPUT',
  [PopulationErrorCode.VERSION_EXISTS]: 'CONFLICT',
  [PopulationErrorCode.TABLE_NOT_FOUND]: 'NOT_FOUND',
  [PopulationErrorCode.INVALID_POPULATION_QUERY]: 'BAD_INPUT',
};

export class PopulationException extends defineDomainException<PopulationErrorCode>('PopulationException', categoryOf) {}
