import { checkFigureTable, type CheckedCell, type CheckedFigureTable } from './checked-figure-table.js';
import { chunkLines, CSV_LINE_END, csvLine, defuseFormula, quoteCsvField, UTF8_BYTE_ORDER_MARK } from './csv-text.js';
import type { FigureTable } from './figure-table.js';
import { FormatsException, FormatsExceptionCode } from './formats.exception.js';
import { toPlainDecimal } from './plain-decimal.js';

export interface LabelledCsvOptions {
  /** Start with a UTF-8 byte order mark so that spreadsheet applications read accents right. Default off. */
  byteOrderMark?: boolean;
}

export const LABEL_COLUMN_SUFFIX = '_label';
const VALUE_COLUMNS = ['value', 'flags', 'flag_labels', 'note_ids'];
/** Separates several flag labels or note ids within one field. */
export const LIST_SEPARATOR = '; ';

function header(checked: CheckedFigureTable): string[] {
  const columns = checked.dimensions.flatMap((dimension) => [dimension.id, `${dimension.id}${LABEL_COLUMN_SUFFIX}`]);
  const all = [...columns, ...VALUE_COLUMNS];
  const duplicate = all.find((column, index) => all.indexOf(column) !== index);
  if (duplicate !== undefined) {
    throw new FormatsException(FormatsExceptionCode.INVALID_TABLE, `column "${duplicate}" would appear twice in the CSV header`);
  }
  return all.map(defuseFormula);
}

/** Quoted text of the fields that repeat across rows, computed once per table instead of once per row. */
interface RowParts {
  /** By dimension and code position: `code,label`, defused and quoted. */
  readonly coordinates: readonly (readonly string[])[];
  /** By canonical flag text: the flag labels field, defused and quoted. */
  readonly flagLabels: Map<string, string>;
}

function rowParts(checked: CheckedFigureTable): RowParts {
  return {
    coordinates: checked.dimensions.map((dimension) =>
      dimension.codes.map(({ code, label }) => `${quoteCsvField(defuseFormula(code))},${quoteCsvField(defuseFormula(label))}`),
    ),
    flagLabels: new Map(),
  };
}

function flagLabelsField(checked: CheckedFigureTable, parts: RowParts, cell: CheckedCell): string {
  let field = parts.flagLabels.get(cell.flagText);
  if (field === undefined) {
    const labels = cell.flags.map((flag) => checked.flagLegend.get(flag) ?? flag).join(LIST_SEPARATOR);
    field = quoteCsvField(defuseFormula(labels));
    parts.flagLabels.set(cell.flagText, field);
  }
  return field;
}

function row(checked: CheckedFigureTable, parts: RowParts, cell: CheckedCell): string {
  let line = '';
  cell.positions.forEach((position, dimension) => {
    line += `${parts.coordinates[dimension][position]},`;
  });
  const value = cell.value === null ? '' : toPlainDecimal(cell.value);
  const notes = quoteCsvField(defuseFormula(cell.noteIds.join(LIST_SEPARATOR)));
  // Flags are drawn from `:bcdepruz`, none of which starts a formula or needs quotes; quoted all the same.
  return `${line}${value},${quoteCsvField(cell.flagText)},${flagLabelsField(checked, parts, cell)},${notes}${CSV_LINE_END}`;
}

function* lines(checked: CheckedFigureTable, columns: readonly string[], options: LabelledCsvOptions): Generator<string, void, undefined> {
  const first = csvLine(columns);
  yield options.byteOrderMark === true ? UTF8_BYTE_ORDER_MARK + first : first;
  const parts = rowParts(checked);
  for (const cell of checked.cells) yield row(checked, parts, cell);
}

/**
 * CSV for spreadsheets: one row per cell, each dimension as a code and a label column, then value,
 * flags, flag labels and note ids. Text fields are defused against formula injection, since labels
 * come from hub metadata. Returned as text chunks for streaming; the table is checked first.
 */
export function toCsv(table: FigureTable, options: LabelledCsvOptions = {}): Generator<string, void, undefined> {
  const checked = checkFigureTable(table);
  const columns = header(checked); // built before the first chunk, so that a bad header fails early
  return chunkLines(lines(checked, columns, options));
}
