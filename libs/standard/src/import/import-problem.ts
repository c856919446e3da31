import type { CountryCode } from '../code-lists/country-codes.js';

/** Problems that make a whole file unusable: the import stops, and nothing it produced may be kept. */
export const ImportFatalCode = {
  /** Bytes that are not UTF-8 (the file may be Latin-1 or UTF-16: re-save it as UTF-8). */
  INVALID_UTF8: 'INVALID_UTF8',
  /** A record longer than the limit (a missing line break or an unclosed quote swallowing the file). */
  RECORD_TOO_LONG: 'RECORD_TOO_LONG',
  /** Broken quoting that a CSV parser cannot recover from. */
  MALFORMED_CSV: 'MALFORMED_CSV',
  /** The header is one column containing another delimiter: the file uses `;` (or tab) where `,` was expected. */
  WRONG_DELIMITER: 'WRONG_DELIMITER',
  MISSING_COLUMN: 'MISSING_COLUMN',
  /** A column the format does not have (often a typo of an optional column whose data would be lost). */
  UNKNOWN_COLUMN: 'UNKNOWN_COLUMN',
  DUPLICATE_COLUMN: 'DUPLICATE_COLUMN',
  /** No header line. */
  EMPTY_FILE: 'EMPTY_FILE',
  /** The source could not be read (missing file, stream error). */
  READ_FAILED: 'READ_FAILED',
} as const;
export type ImportFatalCode = (typeof ImportFatalCode)[keyof typeof ImportFatalCode];

/** Problems that reject one row; the rest of the file is still read and reported. */
export const RowProblemCode = {
  /** The row has more or fewer fields than the header. */
  COLUMN_COUNT: 'COLUMN_COUNT',
  REQUIRED: 'REQUIRED',
  UNKNOWN_CODE: 'UNKNOWN_CODE',
  /** A date, boolean or number in the wrong form. */
  FORMAT: 'FORMAT',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  DUPLICATE_ITEM: 'DUPLICATE_ITEM',
  BIRTH_AFTER_REGISTRATION: 'BIRTH_AFTER_REGISTRATION',
  /** Both birthDate and ageGroup given, and they disagree. */
  AGE_MISMATCH: 'AGE_MISMATCH',
  /** CTDC row whose country of exploitation is blank or 0: no country could report it. */
  NO_REPORTING_COUNTRY: 'NO_REPORTING_COUNTRY',
  VICTIMS_ONLY: 'VICTIMS_ONLY',
  LABOUR_SECTOR_WITHOUT_LABOUR: 'LABOUR_SECTOR_WITHOUT_LABOUR',
} as const;
export type RowProblemCode = (typeof RowProblemCode)[keyof typeof RowProblemCode];

export interface RowProblem {
  /** Column of the source file. */
  readonly column: string;
  readonly code: RowProblemCode;
  /** Never quotes the cell: a misaligned file can put a name in a code column. */
  readonly message: string;
}

export interface RowRejection {
  /** Data row number: 1 is the first row after the header. */
  readonly row: number;
  /** Line of the file where the row starts (the header is line 1). */
  readonly line: number;
  readonly problems: readonly RowProblem[];
}

export interface FatalProblem {
  readonly code: ImportFatalCode;
  readonly message: string;
  readonly line?: number;
  /** Byte offset from the start of the file, where the problem is at a byte. */
  readonly byteOffset?: number;
  readonly column?: string;
}

/**
 * A source value the import changed into a standard code without a one-to-one match: to UNK, to a coarse code, or a
 * spelling change (GR -> EL). `sourceValue` is '' for a blank cell and '(not in source)' for a column the format lacks.
 */
export interface MappedValueCount {
  readonly column: string;
  readonly sourceValue: string;
  readonly mappedTo: string;
  readonly count: number;
}

export type ImportOutcome = 'CLEAN' | 'ROWS_REJECTED' | 'FATAL';

export type ImportFormat = 'template' | 'ctdc';

/**
 * Accounts for every row read: rowsRead = accepted + rejected. A caller that needs all or nothing commits only a
 * CLEAN import (or, by its own policy, ROWS_REJECTED) and never a FATAL one.
 */
export interface ImportReport {
  readonly format: ImportFormat;
  readonly outcome: ImportOutcome;
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: number;
  /** The first rejections in file order (see maxRejectionsListed). */
  readonly rejections: readonly RowRejection[];
  readonly rejectionsNotListed: number;
  /** Every rejected row's problems, counted by column and code. */
  readonly problemCounts: readonly { readonly column: string; readonly code: RowProblemCode; readonly count: number }[];
  readonly mappedValues: readonly MappedValueCount[];
  /** Accepted rows per reporting country. */
  readonly acceptedByCountry: Readonly<Partial<Record<CountryCode, number>>>;
  readonly fatal?: FatalProblem;
}

export class CsvImportError extends Error {
  constructor(
    readonly problem: FatalProblem,
    readonly report: ImportReport,
  ) {
    super(problem.message);
    this.name = 'CsvImportError';
  }
}
