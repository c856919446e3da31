import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ReportsErrorCode {
  /** `format` is neither `html` nor `pdf`. */
  UNKNOWN_FORMAT = 'UNKNOWN_FORMAT',
  /** The hub cannot start the browser that prints reports to PDF (see CHROMIUM_PATH); HTML reports still work. */
  PDF_UNAVAILABLE = 'PDF_UNAVAILABLE',
}

const categoryOfCode: Readonly<Record<ReportsErrorCode, DomainExceptionCategory>> = {
  [ReportsErrorCode.UNKNOWN_FORMAT]: 'BAD_INPUT',
  [ReportsErrorCode.PDF_UNAVAILABLE]: 'UNAVAILABLE',
};

export class ReportsException extends defineDomainException<ReportsErrorCode>('ReportsException', categoryOfCode) {}
