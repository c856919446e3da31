import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum FiguresErrorCode {
  /** No release has been published yet. */
  NO_RELEASE = 'NO_RELEASE',
  /** The release predates the dataset (or stored it with other dimensions). */
  DATASET_NOT_IN_RELEASE = 'DATASET_NOT_IN_RELEASE',
  /** A filter code is not a code of its dimension (or not a period, country or group). */
  UNKNOWN_CODE = 'UNKNOWN_CODE',
  /** A filter names a dimension the dataset does not have. */
  DIMENSION_NOT_IN_DATASET = 'DIMENSION_NOT_IN_DATASET',
  /** The selection has more cells than one answer may carry. */
  SELECTION_TOO_LARGE = 'SELECTION_TOO_LARGE',
  /** A preview's filter names another geo than the previewed country. */
  INVALID_PREVIEW_FILTER = 'INVALID_PREVIEW_FILTER',
  /** The country has no accepted return to preview. */
  NOTHING_TO_PREVIEW = 'NOTHING_TO_PREVIEW',
  /** A rate was asked for and no population table is loaded. */
  NO_POPULATION_TABLE = 'NO_POPULATION_TABLE',
}

const categoryOf: Readonly<Record<FiguresErrorCode, DomainExceptionCategory>> = {
  [FiguresErrorCode.NO_RELEASE]: 'NOT_FOUND',
  [FiguresErrorCode.DATASET_NOT_IN_RELEASE]: 'NOT_FOUND',
  [FiguresErrorCode.UNKNOWN_CODE]: 'BAD_INPUT',
  [FiguresErrorCode.DIMENSION_NOT_IN_DATASET]: 'BAD_INPUT',
  [FiguresErrorCode.SELECTION_TOO_LARGE]: 'BAD_INPUT',
  [FiguresErrorCode.INVALID_PREVIEW_FILTER]: 'BAD_INPUT',
  [FiguresErrorCode.NOTHING_TO_PREVIEW]: 'NOT_FOUND',
  [FiguresErrorCode.NO_POPULATION_TABLE]: 'CONFLICT',
};

export class FiguresException extends defineDomainException<FiguresErrorCode>('FiguresException', categoryOf) {}
