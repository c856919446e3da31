import { defineDomainException, type DomainExceptionCategory } from '#app/common';
import type { ImportReport } from '#app/standard';

export enum CaseImportErrorCode {
  /** The file itself is unusable (encoding, delimiter, columns, an endless record): nothing was imported. */
  FILE_REJECTED = 'FILE_REJECTED',
  /** Strict mode: some rows were rejected, so nothing was imported. */
  ROWS_REJECTED = 'ROWS_REJECTED',
  /** No row of the file was accepted for this node's country (every row rejected, or the file has none). */
  NOTHING_ACCEPTED = 'NOTHING_ACCEPTED',
}

const categoryOfCode: Readonly<Record<CaseImportErrorCode, DomainExceptionCategory>> = {
  [CaseImportErrorCode.FILE_REJECTED]: 'BAD_INPUT',
  [CaseImportErrorCode.ROWS_REJECTED]: 'BAD_INPUT',
  [CaseImportErrorCode.NOTHING_ACCEPTED]: 'BAD_INPUT',
};

/** Aborts the import transaction; carries the data standard's report (counts, rows, columns; never cell values). */
export class CaseImportException extends defineDomainException<CaseImportErrorCode>('CaseImportException', categoryOfCode) {
  static aborted(code: CaseImportErrorCode, report: ImportReport): CaseImportException {
    const reason =
      report.fatal !== undefined
        ? `${report.fatal.code}: ${report.fatal.message}`
        : code === CaseImportErrorCode.NOTHING_ACCEPTED
          ? `no row was accepted for this node (${report.rowsRead} read, ${report.rejected} rejected)`
          : `${report.rejected} row(s) rejected`;
    return new CaseImportException(code, `Nothing was imported: ${reason}.`, [], { report });
  }

  get report(): ImportReport {
    return this.details['report'] as ImportReport;
  }
}
