import { cellKey, checkFigureTable, TIME_DIMENSION_ID, type CheckedCell, type CheckedFigureTable } from './checked-figure-table.js';
import { chunkLines, CSV_LINE_END, csvLine, quoteCsvField } from './csv-text.js';
import type { FigureTable } from './figure-table.js';
import { FormatsException, FormatsExceptionCode } from './formats.exception.js';
import { toPlainDecimal } from './plain-decimal.js';

export interface SdmxCsvOptions {
  /** Maintenance agency of the dataflow, e.g. `THB_OBS`. */
  agency: string;
  /** Dataflow version, e.g. `1.0` or `1.0.0`. */
  version: string;
}

/** SDMX-CSV 2.0 actions this library writes: Information (a full release), Replace and Delete (a diff). */
export type SdmxAction = 'I' | 'R' | 'D';

/** SDMX CONF_STATUS codes: C confidential, F free. */
export type SdmxConfidentialityStatus = 'C' | 'F';

// SDMX 3.0 identifier patterns: agencies and component ids are NCNames, codes and artefact ids IDType.
const AGENCY_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;
const COMPONENT_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const CODE_ID = /^[A-Za-z0-9_@$-]+$/;
const VERSION = /^\d+\.\d+(\.\d+)?$/;
const FIXED_COLUMNS = ['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_FLAG', 'CONF_STATUS'];

interface SdmxLayout {
  readonly header: readonly string[];
  /** `dataflow,<STRUCTURE_ID>,` quoted once for every row. */
  readonly rowStart: string;
  /** Index of the table dimension for each dimension column, time last. */
  readonly columnDimensions: readonly number[];
  /** Quoted code text by table dimension and code position, computed once per table, not per row. */
  readonly quotedCodes: readonly (readonly string[])[];
}

function invalidOption(message: string): FormatsException {
  return new FormatsException(FormatsExceptionCode.INVALID_OPTION, message);
}

function invalidTable(message: string): FormatsException {
  return new FormatsException(FormatsExceptionCode.INVALID_TABLE, message);
}

function layout(checked: CheckedFigureTable, options: SdmxCsvOptions): SdmxLayout {
  if (!AGENCY_ID.test(options.agency)) throw invalidOption(`agency "${options.agency}" is not an SDMX agency id`);
  if (!VERSION.test(options.version)) throw invalidOption(`version "${options.version}" is not an SDMX version such as 1.0.0`);
  const flow = checked.table.dataset.toUpperCase();
  if (!COMPONENT_ID.test(flow)) throw invalidTable(`dataset "${checked.table.dataset}" is not an SDMX dataflow id`);

  const timeIndex = checked.dimensions.findIndex((dimension) => dimension.id === TIME_DIMENSION_ID);
  if (timeIndex === -1) throw invalidTable(`SDMX-CSV needs a "${TIME_DIMENSION_ID}" dimension for TIME_PERIOD`);
  const columns: string[] = [];
  const columnDimensions: number[] = [];
  checked.dimensions.forEach((dimension, index) => {
    if (index === timeIndex) return;
    const column = dimension.id.toUpperCase();
    if (!COMPONENT_ID.test(column)) throw invalidTable(`dimension id "${dimension.id}" is not an SDMX component id`);
    if (FIXED_COLUMNS.includes(column) || columns.includes(column)) {
      throw invalidTable(`dimension id "${dimension.id}" collides with SDMX column ${column}`);
    }
    for (const { code } of dimension.codes) {
      if (!CODE_ID.test(code)) throw invalidTable(`code "${code}" of dimension "${dimension.id}" is not an SDMX code id`);
    }
    columns.push(column);
    columnDimensions.push(index);
  });
  columnDimensions.push(timeIndex);

  const structureId = `${options.agency}:${flow}(${options.version})`;
  return {
    header: ['STRUCTURE', 'STRUCTURE_ID', 'ACTION', ...columns, 'TIME_PERIOD', 'OBS_VALUE', 'OBS_FLAG', 'CONF_STATUS'],
    rowStart: `${quoteCsvField('dataflow')},${quoteCsvField(structureId)},`,
    columnDimensions,
    quotedCodes: checked.dimensions.map((dimension) => dimension.codes.map(({ code }) => quoteCsvField(code))),
  };
}

function confidentiality(cell: CheckedCell): SdmxConfidentialityStatus {
  return cell.flags.includes('c') ? 'C' : 'F';
}

/** OBS_FLAG keeps every flag, `c` included, so that the flags read back equal the published ones. */
function observationLine(format: SdmxLayout, action: SdmxAction, cell: CheckedCell): string {
  let line = format.rowStart + action;
  for (const dimension of format.columnDimensions) line += `,${format.quotedCodes[dimension][cell.positions[dimension]]}`;
  if (action === 'D') return `${line},,,${CSV_LINE_END}`; // the full key and nothing else deletes the whole observation
  const value = cell.value === null ? '' : toPlainDecimal(cell.value);
  return `${line},${quoteCsvField(value)},${quoteCsvField(cell.flagText)},${confidentiality(cell)}${CSV_LINE_END}`;
}

function* fullReleaseLines(format: SdmxLayout, cells: readonly CheckedCell[]): Generator<string, void, undefined> {
  yield csvLine(format.header);
  for (const cell of cells) yield observationLine(format, 'I', cell);
}

function changed(before: CheckedCell, after: CheckedCell): boolean {
  return before.value !== after.value || before.flagText !== after.flagText;
}

function* diffLines(
  previousFormat: SdmxLayout,
  currentFormat: SdmxLayout,
  previous: CheckedFigureTable,
  current: CheckedFigureTable,
): Generator<string, void, undefined> {
  yield csvLine(currentFormat.header);
  const gone = new Map(previous.cells.map((cell) => [cellKey(cell), cell]));
  for (const cell of current.cells) {
    const key = cellKey(cell);
    const old = gone.get(key);
    gone.delete(key);
    // Replace also appends an observation that was absent, so new cells are R rows too.
    if (old === undefined || changed(old, cell)) yield observationLine(currentFormat, 'R', cell);
  }
  // Map keeps insertion order: deletions come in the previous release's row-major order.
  for (const cell of gone.values()) yield observationLine(previousFormat, 'D', cell);
}

/**
 * A full release as SDMX-CSV 2.0, one `I` row per cell, as text chunks for streaming.
 * The table is checked before the first chunk, so a bad table fails before anything is sent.
 */
export function toSdmxCsv(table: FigureTable, options: SdmxCsvOptions): Generator<string, void, undefined> {
  const checked = checkFigureTable(table);
  const format = layout(checked, options);
  return chunkLines(fullReleaseLines(format, checked.cells));
}

/**
 * The change from one release of a dataset to a later one: `R` rows (with the new value) for cells that
 * are new or whose value or flags changed, `D` rows for cells that are gone. Unchanged cells are not written.
 */
export function diffSdmxCsv(previous: FigureTable, current: FigureTable, options: SdmxCsvOptions): Generator<string, void, undefined> {
  const checkedPrevious = checkFigureTable(previous);
  const checkedCurrent = checkFigureTable(current);
  if (previous.dataset !== current.dataset) {
    throw new FormatsException(
      FormatsExceptionCode.INCOMPATIBLE_TABLES,
      `cannot diff dataset "${previous.dataset}" against dataset "${current.dataset}"`,
    );
  }
  const previousIds = checkedPrevious.dimensions.map((dimension) => dimension.id).join(',');
  const currentIds = checkedCurrent.dimensions.map((dimension) => dimension.id).join(',');
  if (previousIds !== currentIds) {
    throw new FormatsException(
      FormatsExceptionCode.INCOMPATIBLE_TABLES,
      `dimensions differ between releases: (${previousIds}) and (${currentIds})`,
    );
  }
  if (previous.release >= current.release) {
    throw new FormatsException(
      FormatsExceptionCode.INCOMPATIBLE_TABLES,
      `release ${current.release} is not later than release ${previous.release}`,
    );
  }
  // Deleted rows are written with the previous release's codes, which the current one may no longer list.
  const previousFormat = layout(checkedPrevious, options);
  const currentFormat = layout(checkedCurrent, options);
  return chunkLines(diffLines(previousFormat, currentFormat, checkedPrevious, checkedCurrent));
}
