import type { DatasetId, DimensionId } from '#app/standard';
import type { Measure } from './measure.js';

/** A dimension of a figure table as selected: its id, label and the chosen codes in display order. */
export interface TableDimension {
  readonly id: DimensionId;
  readonly label: string;
  readonly codes: readonly { readonly code: string; readonly label: string }[];
}

/** One cell: a code per dimension of the table (geo, time, then the dataset's), value, flags and notes. */
export interface TableCell {
  readonly codes: readonly string[];
  /** Null when suppressed (`c`) or not available (`:`). */
  readonly value: number | null;
  /** Observation flags in the standard's canonical order. */
  readonly flags: string;
  readonly noteIds: readonly string[];
}

export interface TableNote {
  readonly id: string;
  readonly text: string;
}

export interface PopulationReference {
  readonly version: string;
  readonly tableId: string;
}

/** Where a table's cells come from: a numbered release, or a preview of one country's unreleased data. */
export type TableSource =
  | { readonly kind: 'RELEASE'; readonly release: number; readonly publishedAt: Date; readonly disclosureMethod: string }
  | { readonly kind: 'PREVIEW'; readonly country: string; readonly builtAt: Date; readonly disclosureMethod: string };

/** A slice of one dataset, as every output (GraphQL, JSON-stat, SDMX-CSV, CSV, the report page) gets it. */
export interface FigureTableData {
  readonly dataset: DatasetId;
  readonly title: string;
  readonly source: TableSource;
  readonly measure: Measure;
  readonly unit: string;
  /** The denominator of a rate; null for counts. */
  readonly populationTable: PopulationReference | null;
  readonly dimensions: readonly TableDimension[];
  /** Every combination of the dimensions' codes, row-major (the last dimension varies fastest). */
  readonly cells: readonly TableCell[];
  readonly notes: readonly TableNote[];
}
