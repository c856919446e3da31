/**
 * The input every writer takes: one released dataset sliced as the hub's figures API returns it.
 * Plain data, so the hub can build it from a released cube and the writers stay free of I/O.
 */

export type FigureMeasure = 'COUNT' | 'RATE_PER_100K' | 'RATE_PER_MILLION';

export interface FigureCode {
  code: string;
  label: string;
}

export interface FigureDimension {
  id: string;
  label: string;
  /** In display order: the order of rows, columns and JSON-stat positions. */
  codes: FigureCode[];
}

export interface FigureCell {
  /** Dimension id -> code, one entry for every dimension of the table. */
  coordinates: Record<string, string>;
  /** Null when suppressed or not available; the flags say which. */
  value: number | null;
  /** Eurostat observation flags, e.g. `c`, `bd`, `` for none. */
  flags: string;
  noteIds: string[];
}

export interface FigureNote {
  id: string;
  text: string;
}

export interface PopulationTableReference {
  id: string;
  version: string;
}

export interface FigureTable {
  dataset: string;
  title: string;
  release: number;
  /** ISO 8601 timestamp of the release. */
  releasedAt: string;
  measure: FigureMeasure;
  unit: string;
  /** e.g. geo, time, sex, age; time codes are `2026-Q1` or `2026`. */
  dimensions: FigureDimension[];
  /** Any order; combinations without a cell are published as absent (null). */
  cells: FigureCell[];
  notes: FigureNote[];
  /** Flag -> label as the hub's metadata words it, e.g. `{ c: 'confidential' }`. */
  flagLabels: Record<string, string>;
  /** The denominator behind a rate; required for the rate measures. */
  populationTable?: PopulationTableReference;
}
