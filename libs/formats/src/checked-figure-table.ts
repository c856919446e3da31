import type { FigureCode, FigureTable } from './figure-table.js';
import { FormatsException, FormatsExceptionCode } from './formats.exception.js';
import { flagLabel, isObservationFlag, OBSERVATION_FLAG_ORDER, parseFlags, type ObservationFlag } from './observation-flag.js';

/** The dimension id that holds periods; SDMX writes it as TIME_PERIOD. */
export const TIME_DIMENSION_ID = 'time';

export interface CheckedDimension {
  readonly id: string;
  readonly label: string;
  readonly codes: readonly FigureCode[];
  readonly positionOf: ReadonlyMap<string, number>;
}

export interface CheckedCell {
  /** Position of the cell's code in each dimension, in the table's dimension order. */
  readonly positions: readonly number[];
  /** The cell's codes in the table's dimension order. */
  readonly codes: readonly string[];
  readonly value: number | null;
  readonly flags: readonly ObservationFlag[];
  /** Canonical flag text, e.g. `cu`. */
  readonly flagText: string;
  readonly noteIds: readonly string[];
}

/** A figure table that passed every check, with its cells in row-major order of the dimensions. */
export interface CheckedFigureTable {
  readonly table: FigureTable;
  readonly dimensions: readonly CheckedDimension[];
  readonly cells: readonly CheckedCell[];
  /** Every flag that is used or labelled, with its label, in canonical order. */
  readonly flagLegend: ReadonlyMap<ObservationFlag, string>;
}

// Years and quarters are the periods the standard publishes (section 6 of docs/DATA-STANDARD.md).
const PERIOD = /^\d{4}(-Q[1-4])?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
// Note ids are written joined by ';' in the labelled CSV, so they may not contain it or spaces.
const NOTE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

function invalid(message: string): FormatsException {
  return new FormatsException(FormatsExceptionCode.INVALID_TABLE, message);
}

function checkDimensions(table: FigureTable): CheckedDimension[] {
  if (table.dimensions.length === 0) throw invalid('a figure table needs at least one dimension');
  const seen = new Set<string>();
  return table.dimensions.map((dimension) => {
    if (dimension.id === '') throw invalid('a dimension id is empty');
    if (seen.has(dimension.id)) throw invalid(`dimension "${dimension.id}" appears twice`);
    seen.add(dimension.id);
    if (dimension.codes.length === 0) throw invalid(`dimension "${dimension.id}" has no codes`);
    const positionOf = new Map<string, number>();
    dimension.codes.forEach(({ code }, position) => {
      if (code === '') throw invalid(`dimension "${dimension.id}" has an empty code`);
      if (positionOf.has(code)) throw invalid(`code "${code}" appears twice in dimension "${dimension.id}"`);
      if (dimension.id === TIME_DIMENSION_ID && !PERIOD.test(code)) {
        throw invalid(`time code "${code}" is not a year (2026) or a quarter (2026-Q1)`);
      }
      positionOf.set(code, position);
    });
    return { id: dimension.id, label: dimension.label, codes: dimension.codes, positionOf };
  });
}

function checkHeader(table: FigureTable): void {
  if (table.dataset === '') throw invalid('the dataset id is empty');
  if (!Number.isSafeInteger(table.release) || table.release < 1) {
    throw invalid(`release ${table.release} is not a positive integer`);
  }
  if (!TIMESTAMP.test(table.releasedAt) || Number.isNaN(Date.parse(table.releasedAt))) {
    throw invalid(`releasedAt "${table.releasedAt}" is not an ISO 8601 timestamp with a time zone`);
  }
  if (table.measure !== 'COUNT' && table.populationTable === undefined) {
    throw invalid(`a ${table.measure} table must name its population table`);
  }
}

function checkNotes(table: FigureTable): Set<string> {
  const ids = new Set<string>();
  for (const note of table.notes) {
    if (!NOTE_ID.test(note.id)) throw invalid(`note id "${note.id}" is not a plain identifier`);
    if (ids.has(note.id)) throw invalid(`note "${note.id}" appears twice`);
    ids.add(note.id);
  }
  return ids;
}

function checkValue(table: FigureTable, value: number | null, where: () => string): void {
  if (value === null) return;
  if (!Number.isFinite(value) || value < 0) throw invalid(`${where()}: value ${value} is not a finite non-negative number`);
  if (table.measure === 'COUNT' && !Number.isInteger(value)) throw invalid(`${where()}: a count must be an integer`);
}

function checkCellNotes(cellNoteIds: readonly string[], tableNoteIds: ReadonlySet<string>, where: () => string): void {
  const seen = new Set<string>();
  for (const noteId of cellNoteIds) {
    if (!tableNoteIds.has(noteId)) throw invalid(`${where()}: note "${noteId}" is not in the table's notes`);
    if (seen.has(noteId)) throw invalid(`${where()}: note "${noteId}" is attached twice`);
    seen.add(noteId);
  }
}

function comparePositions(left: CheckedCell, right: CheckedCell): number {
  for (let index = 0; index < left.positions.length; index += 1) {
    const difference = left.positions[index] - right.positions[index];
    if (difference !== 0) return difference;
  }
  return 0;
}

function buildLegend(table: FigureTable, cells: readonly CheckedCell[]): Map<ObservationFlag, string> {
  const present = new Set<ObservationFlag>();
  for (const [flag, label] of Object.entries(table.flagLabels)) {
    if (!isObservationFlag(flag)) {
      throw new FormatsException(FormatsExceptionCode.UNKNOWN_FLAG, `flagLabels names unknown flag ${JSON.stringify(flag)}`);
    }
    if (label.trim() === '') throw invalid(`flag "${flag}" has an empty label`);
    present.add(flag);
  }
  for (const cell of cells) for (const flag of cell.flags) present.add(flag);
  return new Map(OBSERVATION_FLAG_ORDER.filter((flag) => present.has(flag)).map((flag) => [flag, flagLabel(flag, table.flagLabels)]));
}

/**
 * Checks everything the writers rely on and orders the cells row-major, so that every format lists
 * the same cells in the same order whatever order the hub produced them in.
 */
export function checkFigureTable(table: FigureTable): CheckedFigureTable {
  checkHeader(table);
  const dimensions = checkDimensions(table);
  const noteIds = checkNotes(table);
  // Few distinct flag strings recur across many cells: parse each once.
  const flagsByText = new Map<string, readonly ObservationFlag[]>();
  const noNotes: readonly string[] = Object.freeze([]);

  const cells = table.cells.map((cell, cellIndex): CheckedCell => {
    // Built only when an error is thrown: a large release has hundreds of thousands of cells.
    const where = (): string => `cell ${cellIndex}`;
    const coordinateCount = Object.keys(cell.coordinates).length;
    if (coordinateCount !== dimensions.length) {
      throw invalid(`${where()}: has ${coordinateCount} coordinates for ${dimensions.length} dimensions`);
    }
    const codes: string[] = [];
    const positions = dimensions.map((dimension) => {
      // hasOwn: a dimension id such as "constructor" must not find Object.prototype's member.
      const code = Object.hasOwn(cell.coordinates, dimension.id) ? cell.coordinates[dimension.id] : undefined;
      if (code === undefined) throw invalid(`${where()}: no coordinate for dimension "${dimension.id}"`);
      const position = dimension.positionOf.get(code);
      if (position === undefined) throw invalid(`${where()}: code "${code}" is not listed in dimension "${dimension.id}"`);
      codes.push(code);
      return position;
    });
    checkValue(table, cell.value, where);
    let flags = flagsByText.get(cell.flags);
    if (flags === undefined) {
      flags = Object.freeze(parseFlags(cell.flags));
      flagsByText.set(cell.flags, flags);
    }
    if (cell.noteIds.length > 0) checkCellNotes(cell.noteIds, noteIds, where);
    return {
      positions,
      codes,
      value: cell.value,
      flags,
      flagText: flags.join(''),
      noteIds: cell.noteIds.length === 0 ? noNotes : [...cell.noteIds],
    };
  });
  cells.sort(comparePositions);
  // After sorting, two cells with the same coordinates are neighbours.
  for (let index = 1; index < cells.length; index += 1) {
    if (comparePositions(cells[index - 1], cells[index]) === 0) {
      throw invalid(`two cells have the same coordinates (${cells[index].codes.join(', ')})`);
    }
  }

  return { table, dimensions, cells, flagLegend: buildLegend(table, cells) };
}

/** A key that identifies a cell by its codes, stable across releases whose code lists differ. */
export function cellKey(cell: CheckedCell): string {
  return JSON.stringify(cell.codes);
}
