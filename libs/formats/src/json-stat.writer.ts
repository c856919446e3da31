import { checkFigureTable, TIME_DIMENSION_ID, type CheckedFigureTable } from './checked-figure-table.js';
import type { FigureMeasure, FigureTable, PopulationTableReference } from './figure-table.js';
import { FormatsException, FormatsExceptionCode } from './formats.exception.js';

export interface JsonStatUnit {
  label: string;
  decimals?: number;
}

export interface JsonStatCategory {
  index: Record<string, number>;
  label: Record<string, string>;
  unit?: Record<string, JsonStatUnit>;
}

export interface JsonStatDimension {
  label: string;
  category: JsonStatCategory;
}

export interface JsonStatRole {
  time?: string[];
  geo?: string[];
  metric?: string[];
}

export interface JsonStatExtension {
  release: number;
  measure: FigureMeasure;
  unit: string;
  /** Position in `value` -> ids of the notes attached to that cell. */
  notes: Record<string, string[]>;
  /** Note id -> text; the same texts as the dataset's `note`, in the same order. */
  noteTexts: Record<string, string>;
  /** Flag -> label for every flag used or labelled. */
  flagLabels: Record<string, string>;
  populationTable?: PopulationTableReference;
}

export interface JsonStatDataset {
  version: '2.0';
  class: 'dataset';
  label: string;
  updated: string;
  id: string[];
  size: number[];
  role?: JsonStatRole;
  dimension: Record<string, JsonStatDimension>;
  /** Dense, row-major over `id` (the last dimension varies fastest); null where no cell is published. */
  value: (number | null)[];
  /** Position -> flags, only where a cell has flags. */
  status?: Record<string, string>;
  note?: string[];
  extension: JsonStatExtension;
}

export interface JsonStatOptions {
  /** The dense `value` array is refused above this many positions, before it is allocated. */
  maxPositions?: number;
}

export const DEFAULT_JSON_STAT_MAX_POSITIONS = 10_000_000;

// Eurostat's habit: the unit of measure is a dimension named `unit` (NR, P_HTHAB).
const METRIC_DIMENSION_ID = 'unit';
const GEO_DIMENSION_ID = 'geo';

function strides(sizes: readonly number[]): number[] {
  const result = new Array<number>(sizes.length);
  let stride = 1;
  for (let index = sizes.length - 1; index >= 0; index -= 1) {
    result[index] = stride;
    stride *= sizes[index];
  }
  return result;
}

function role(checked: CheckedFigureTable): JsonStatRole | undefined {
  const ids = new Set(checked.dimensions.map((dimension) => dimension.id));
  const result: JsonStatRole = {};
  if (ids.has(TIME_DIMENSION_ID)) result.time = [TIME_DIMENSION_ID];
  if (ids.has(GEO_DIMENSION_ID)) result.geo = [GEO_DIMENSION_ID];
  if (ids.has(METRIC_DIMENSION_ID)) result.metric = [METRIC_DIMENSION_ID];
  return Object.keys(result).length > 0 ? result : undefined;
}

function dimensionEntry(checked: CheckedFigureTable, index: number): JsonStatDimension {
  const dimension = checked.dimensions[index];
  const category: JsonStatCategory = {
    index: Object.fromEntries(dimension.codes.map(({ code }, position) => [code, position])),
    label: Object.fromEntries(dimension.codes.map(({ code, label }) => [code, label])),
  };
  if (dimension.id === METRIC_DIMENSION_ID) {
    const decimals = checked.table.measure === 'COUNT' ? { decimals: 0 } : {};
    category.unit = Object.fromEntries(dimension.codes.map(({ code, label }) => [code, { label, ...decimals }]));
  }
  return { label: dimension.label, category };
}

/** Builds a JSON-stat 2.0 dataset; it loads in third-party readers such as jsonstat-toolkit. */
export function toJsonStat(table: FigureTable, options: JsonStatOptions = {}): JsonStatDataset {
  const maxPositions = options.maxPositions ?? DEFAULT_JSON_STAT_MAX_POSITIONS;
  const checked = checkFigureTable(table);
  const size = checked.dimensions.map((dimension) => dimension.codes.length);
  const positions = size.reduce((product, length) => product * length, 1);
  if (positions > maxPositions) {
    throw new FormatsException(
      FormatsExceptionCode.TOO_LARGE,
      `the dense JSON-stat value array would have ${positions} positions, more than the limit of ${maxPositions}`,
    );
  }

  const stride = strides(size);
  const value = new Array<number | null>(positions).fill(null);
  const status: Record<string, string> = {};
  const notes: Record<string, string[]> = {};
  for (const cell of checked.cells) {
    const position = cell.positions.reduce((sum, at, index) => sum + at * stride[index], 0);
    value[position] = cell.value;
    if (cell.flagText !== '') status[position] = cell.flagText;
    if (cell.noteIds.length > 0) notes[position] = [...cell.noteIds];
  }

  const roles = role(checked);
  return {
    version: '2.0',
    class: 'dataset',
    label: table.title,
    updated: table.releasedAt,
    id: checked.dimensions.map((dimension) => dimension.id),
    size,
    ...(roles === undefined ? {} : { role: roles }),
    dimension: Object.fromEntries(checked.dimensions.map((dimension, index) => [dimension.id, dimensionEntry(checked, index)])),
    value,
    ...(Object.keys(status).length === 0 ? {} : { status }),
    ...(table.notes.length === 0 ? {} : { note: table.notes.map((note) => note.text) }),
    extension: {
      release: table.release,
      measure: table.measure,
      unit: table.unit,
      notes,
      noteTexts: Object.fromEntries(table.notes.map((note) => [note.id, note.text])),
      flagLabels: Object.fromEntries(checked.flagLegend),
      ...(table.populationTable === undefined ? {} : { populationTable: { ...table.populationTable } }),
    },
  };
}

/** Compact JSON text of a dataset, as served with media type `application/json`. */
export function stringifyJsonStat(dataset: JsonStatDataset): string {
  return JSON.stringify(dataset);
}
