import { STANDARD_VERSION, type StandardVersion } from '../standard-version.js';
import type { IsoDate } from '../time/iso-date.js';

export type PopulationSex = 'T' | 'F' | 'M';

export interface PopulationObservation {
  /** Country code or an aggregate of the source (EU27_2020, EA19...). */
  readonly geo: string;
  readonly year: number;
  readonly sex: PopulationSex;
  /** `TOTAL` or an age code of the source. */
  readonly age: string;
  /** Persons on 1 January; null when not available (flag `:`). */
  readonly value: number | null;
  /** Observation flags in canonical order (`:`, `b`, `e`, `p`...). */
  readonly flags: string;
}

/** A versioned copy of population figures (docs/DATA-STANDARD.md section 5); rates name the version they used. */
export interface PopulationTable {
  readonly standardVersion: StandardVersion;
  readonly tableId: string;
  readonly title: string;
  readonly source: string;
  readonly sourceUrl?: string;
  readonly extractionDate: IsoDate;
  readonly version: string;
  readonly note?: string;
  readonly unit: 'persons on 1 January';
  /** Source dimensions with one value in the whole table, e.g. `{ indic_de: 'JAN' }`. */
  readonly fixedDimensions?: Readonly<Record<string, string>>;
  readonly observations: readonly PopulationObservation[];
}

export interface PopulationFigure {
  readonly value: number | null;
  readonly flags: string;
  /** The table version, for the answer to name its denominator. */
  readonly version: string;
}

export interface PopulationQuery {
  readonly sex?: PopulationSex;
  readonly age?: string;
}

const indexes = new WeakMap<PopulationTable, ReadonlyMap<string, PopulationObservation>>();

function key(geo: string, year: number, sex: PopulationSex, age: string): string {
  return `${geo}|${year}|${sex}|${age}`;
}

function indexOf(table: PopulationTable): ReadonlyMap<string, PopulationObservation> {
  let index = indexes.get(table);
  if (index === undefined) {
    index = new Map(table.observations.map((o) => [key(o.geo, o.year, o.sex, o.age), o]));
    indexes.set(table, index);
  }
  return index;
}

/**
 * Population of `geo` on 1 January of `year` (both sexes, all ages unless asked). A figure the source marks missing
 * comes back as value null with flag `:`; undefined means the table does not cover that geo, year, sex and age at all.
 */
export function population(table: PopulationTable, geo: string, year: number, query: PopulationQuery = {}): PopulationFigure | undefined {
  const observation = indexOf(table).get(key(geo, year, query.sex ?? 'T', query.age ?? 'TOTAL'));
  if (observation === undefined) return undefined;
  return { value: observation.value, flags: observation.flags, version: table.version };
}

/** Years the table covers, ascending. */
export function populationYears(table: PopulationTable): number[] {
  return [...new Set(table.observations.map((o) => o.year))].sort((a, b) => a - b);
}

export function newPopulationTable(fields: Omit<PopulationTable, 'standardVersion' | 'unit'>): PopulationTable {
  return { standardVersion: STANDARD_VERSION, unit: 'persons on 1 January', ...fields };
}

/** The JSON text of a table as the project stores it: readable header, one observation per line (small diffs). */
export function formatPopulationTable(table: PopulationTable): string {
  const { observations, ...header } = table;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const lines = observations.map((observation) => `    ${JSON.stringify(observation)}`);
  return `${head},\n  "observations": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
