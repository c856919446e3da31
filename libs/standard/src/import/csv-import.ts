import type { CaseFacts, IdentityFields } from '../records/case-facts.js';
import { type CsvDelimiter, CsvReadError, type CsvRecord, type CsvSource, readCsvRecords } from './csv-record-reader.js';
import {
  CsvImportError,
  type FatalProblem,
  ImportFatalCode,
  type ImportFormat,
  type ImportReport,
  type RowProblem,
  type RowRejection,
} from './import-problem.js';
import { ImportReportBuilder } from './import-report.builder.js';

/** One accepted row: the node stores `facts` in its case table and `identity` in its vault. */
export interface ImportedCase {
  /** Data row number (1 = first row after the header). */
  readonly row: number;
  readonly line: number;
  /** The node's internal person id (from the file, or derived from the row number for sources without one). */
  readonly personId: string;
  readonly facts: CaseFacts;
  readonly identity: IdentityFields;
}

export type ImportItem =
  { readonly kind: 'accepted'; readonly case: ImportedCase } | { readonly kind: 'rejected'; readonly rejection: RowRejection };

export interface CommonImportOptions {
  readonly delimiter?: CsvDelimiter;
  /** Longest record accepted, in characters (default 1 MiB). */
  readonly maxRecordSize?: number;
  /** How many rejected rows the report lists in full (all are counted); default 1000. */
  readonly maxRejectionsListed?: number;
}

export const DEFAULT_MAX_RECORD_SIZE = 1 << 20;
const defaultMaxRejectionsListed = 1000;

/** A row's cells by column name, for the format mappers. */
export type RowCells = (column: string) => string | undefined;

export type RowOutcome =
  | {
      readonly ok: true;
      readonly personId: string;
      readonly facts: CaseFacts;
      readonly identity: IdentityFields;
      readonly mapped: readonly { column: string; sourceValue: string; mappedTo: string }[];
    }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

/** What distinguishes one CSV format from another: its columns and how a row becomes a case. */
export interface CsvFormat {
  readonly name: ImportFormat;
  readonly requiredColumns: readonly string[];
  /** Groups of columns of which at least one must be present (birthDate or ageGroup). */
  readonly requiredOneOf: readonly (readonly string[])[];
  /** Columns known to the format; undefined accepts any extra column (sources with columns the standard ignores). */
  readonly knownColumns?: readonly string[];
  mapRow(cells: RowCells, row: number): RowOutcome;
}

/**
 * Streams a CSV file through a format: yields each row as accepted or rejected and returns the report when the file
 * is read. A problem with the whole file (encoding, delimiter, columns, an endless record) throws a CsvImportError
 * carrying the report up to that point, so that a caller iterating inside a transaction aborts it.
 */
export async function* importCsv(
  source: CsvSource,
  format: CsvFormat,
  options: CommonImportOptions = {},
): AsyncGenerator<ImportItem, ImportReport, undefined> {
  const delimiter = options.delimiter ?? ',';
  const report = new ImportReportBuilder(format.name, options.maxRejectionsListed ?? defaultMaxRejectionsListed);
  const fail = (problem: FatalProblem): CsvImportError => new CsvImportError(problem, report.build(problem));
  let columnIndex: ReadonlyMap<string, number> | undefined;
  let headerLength = 0;
  try {
    for await (const record of readCsvRecords(source, { delimiter, maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE })) {
      if (columnIndex === undefined) {
        const problem = headerProblem(record, format, delimiter);
        if (problem !== undefined) throw fail(problem);
        columnIndex = new Map(record.fields.map((name, index) => [name.trim(), index]));
        headerLength = record.fields.length;
        continue;
      }
      const row = report.rows + 1;
      const item = mapRecord(record, row, headerLength, columnIndex, format);
      if (item.kind === 'accepted') {
        report.accept(item.case.facts.country);
        report.mapValues(item.mapped);
        yield { kind: 'accepted', case: item.case };
      } else {
        report.reject(item.rejection);
        yield item;
      }
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw fail(error.problem);
    throw error;
  }
  if (columnIndex === undefined) throw fail({ code: ImportFatalCode.EMPTY_FILE, message: 'the file is empty: no header line', line: 1 });
  return report.build();
}

function mapRecord(
  record: CsvRecord,
  row: number,
  headerLength: number,
  columnIndex: ReadonlyMap<string, number>,
  format: CsvFormat,
):
  | { kind: 'accepted'; case: ImportedCase; mapped: readonly { column: string; sourceValue: string; mappedTo: string }[] }
  | { kind: 'rejected'; rejection: RowRejection } {
  if (record.fields.length !== headerLength) {
    const problem: RowProblem = {
      column: '(row)',
      code: 'COLUMN_COUNT',
      message: `the row has ${record.fields.length} fields, the header ${headerLength}`,
    };
    return { kind: 'rejected', rejection: { row, line: record.line, problems: [problem] } };
  }
  const nulAt = record.fields.findIndex((field) => field.includes('\u0000'));
  if (nulAt >= 0) {
    // Valid UTF-8 but never text (a binary or UTF-16 file, a corrupted export); the database could not store it either.
    const column = [...columnIndex].find(([, index]) => index === nulAt)?.[0] ?? '(row)';
    const problem: RowProblem = { column, code: 'FORMAT', message: `${column} contains a NUL character, which is not text` };
    return { kind: 'rejected', rejection: { row, line: record.line, problems: [problem] } };
  }
  const cells: RowCells = (column) => {
    const index = columnIndex.get(column);
    return index === undefined ? undefined : record.fields[index];
  };
  const outcome = format.mapRow(cells, row);
  if (!outcome.ok) return { kind: 'rejected', rejection: { row, line: record.line, problems: outcome.problems } };
  return {
    kind: 'accepted',
    case: { row, line: record.line, personId: outcome.personId, facts: outcome.facts, identity: outcome.identity },
    mapped: outcome.mapped,
  };
}

const otherDelimiters: readonly { symbol: string; name: string }[] = [
  { symbol: ';', name: "';'" },
  { symbol: '\t', name: 'tab' },
  { symbol: ',', name: "','" },
  { symbol: '|', name: "'|'" },
];

function delimiterName(delimiter: CsvDelimiter): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

function headerProblem(header: CsvRecord, format: CsvFormat, delimiter: CsvDelimiter): FatalProblem | undefined {
  const names = header.fields.map((name) => name.trim());
  if (names.length === 1) {
    const other = otherDelimiters.find((candidate) => candidate.symbol !== delimiter && (names[0] ?? '').includes(candidate.symbol));
    if (other !== undefined) {
      return {
        code: ImportFatalCode.WRONG_DELIMITER,
        message: `the header is a single column containing ${other.name}: the file seems to be ${other.name}-separated, expected ${delimiterName(delimiter)}`,
        line: header.line,
      };
    }
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      return {
        code: ImportFatalCode.DUPLICATE_COLUMN,
        message: `column ${name} appears twice in the header`,
        line: header.line,
        column: name,
      };
    seen.add(name);
  }
  const missing = format.requiredColumns.filter((column) => !seen.has(column));
  for (const group of format.requiredOneOf) {
    if (!group.some((column) => seen.has(column))) missing.push(group.join(' or '));
  }
  if (missing.length > 0) {
    return {
      code: ImportFatalCode.MISSING_COLUMN,
      message: `missing column${missing.length > 1 ? 's' : ''} for the ${format.name} format: ${missing.join(', ')}`,
      line: header.line,
      column: missing.join(', '),
    };
  }
  if (format.knownColumns !== undefined) {
    const known = new Set(format.knownColumns);
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      return {
        code: ImportFatalCode.UNKNOWN_COLUMN,
        message: `column${unknown.length > 1 ? 's' : ''} not in the ${format.name} format: ${unknown.join(', ')} (check the spelling; see libs/standard/README.md)`,
        line: header.line,
        column: unknown.join(', '),
      };
    }
  }
  return undefined;
}

/**
 * Drives an import to its end: calls `onCase` for every accepted row (for example an insert inside the caller's
 * transaction) and returns the report, FATAL included, instead of throwing. Without `onCase` it is the first pass of
 * an all-or-nothing import: read and report, keep nothing. Errors thrown by `onCase` propagate.
 */
export async function runImport(
  items: AsyncGenerator<ImportItem, ImportReport, undefined>,
  onCase?: (imported: ImportedCase) => Promise<void> | void,
): Promise<ImportReport> {
  // Typed as an iterator so that it can be closed without a report to return.
  const iterator: AsyncIterator<ImportItem, ImportReport, undefined> = items;
  let finished = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) {
        finished = true;
        return next.value;
      }
      if (next.value.kind === 'accepted' && onCase !== undefined) await onCase(next.value.case);
    }
  } catch (error) {
    if (error instanceof CsvImportError) {
      finished = true;
      return error.report;
    }
    throw error;
  } finally {
    // onCase failed: close the source instead of leaving the file open.
    if (!finished) await iterator.return?.();
  }
}
