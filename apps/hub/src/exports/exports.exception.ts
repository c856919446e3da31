import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ExportsErrorCode {
  /** A query parameter is unknown, repeated where it may not be, or malformed. */
  INVALID_PARAMETER = 'INVALID_PARAMETER',
  UNKNOWN_FORMAT = 'UNKNOWN_FORMAT',
  /** `diff` is for SDMX-CSV only, and must name an earlier release. */
  INVALID_DIFF = 'INVALID_DIFF',
  /** The output would exceed what one export may hold. */
  EXPORT_TOO_LARGE = 'EXPORT_TOO_LARGE',
}

const categoryOf: Readonly<Record<ExportsErrorCode, DomainExceptionCategory>> = {
  [ExportsErrorCode.INVALID_PARAMETER]: 'BAD_INPUT',
  [ExportsErrorCode.UNKNOWN_FORMAT]: 'BAD_INPUT',
  [ExportsErrorCode.INVALID_DIFF]: 'BAD_INPUT',
  [ExportsErrorCode.EXPORT_TOO_LARGE]: 'BAD_INPUT',
};

export class ExportsException extends defineDomainException<ExportsErrorCode>('ExportsException', categoryOf) {}
