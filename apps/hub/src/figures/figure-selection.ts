import {
  comparePeriods,
  DIMENSION_IDS,
  DIMENSION_LABELS,
  formatPeriod,
  TOTAL,
  tryParsePeriod,
  type DatasetDefinition,
  type DimensionId,
  type Period,
} from '#app/standard';
import { compareGeos, geoLabel, isKnownGeo } from '../catalogue/geo-codes.js';
import type { TableDimension } from './figure-table.js';
import { FiguresErrorCode, FiguresException } from './figures.exception.js';

/** Codes chosen per dimension id; a dimension left out means all its codes. */
export type FigureFilter = Partial<Record<DimensionId, readonly string[]>>;

/** The geos and times a cube has (a release's coverage, or a preview's plan). */
export interface CubeExtent {
  readonly geos: readonly string[];
  readonly times: readonly string[];
}

export interface FigureSelection {
  readonly dataset: DatasetDefinition;
  /** geo, time, then the dataset's dimensions, each with the selected codes in display order. */
  readonly dimensions: readonly TableDimension[];
  readonly cellCount: number;
}

/**
 * Resolves a filter against a dataset and the extent of a cube. Without a filter a dimension takes all its codes (for
 * geo and time: those of the cube). Codes keep the display order whatever order the filter lists them in, so the same
 * cell has the same coordinates in every answer. A geo or period that is valid but absent from the cube is kept (its
 * cells are not available, `:`); a code that is not a code of its dimension is refused, as is a filter on a dimension
 * the dataset does not have (except a filter asking for its margin only, TOTAL, which every dataset is).
 */
export function selectFigures(
  dataset: DatasetDefinition,
  extent: CubeExtent,
  filter: FigureFilter = {},
  fieldOf: (dimension: DimensionId) => string = (dimension) => `filter.${dimension}`,
): FigureSelection {
  const own = new Set<string>(['geo', 'time', ...dataset.dimensions.map((dimension) => dimension.id)]);
  for (const id of DIMENSION_IDS) {
    const codes = filter[id];
    if (codes === undefined || own.has(id)) continue;
    if (codes.some((code) => code !== TOTAL)) {
      throw new FiguresException(
        FiguresErrorCode.DIMENSION_NOT_IN_DATASET,
        `Dataset ${dataset.id} has no dimension ${id}; its dimensions are ${[...own].join(', ')}.`,
        [fieldOf(id)],
      );
    }
  }
  const dimensions: TableDimension[] = [
    { id: 'geo', label: DIMENSION_LABELS.geo, codes: selectGeos(extent.geos, filter.geo, fieldOf('geo')) },
    { id: 'time', label: DIMENSION_LABELS.time, codes: selectTimes(extent.times, filter.time, fieldOf('time')) },
    ...dataset.dimensions.map((dimension): TableDimension => {
      const wanted = filter[dimension.id];
      if (wanted === undefined) return { id: dimension.id, label: dimension.label, codes: dimension.codes };
      const known = new Set(dimension.codes.map((code) => code.code));
      refuseUnknown(
        dimension.id,
        wanted.filter((code) => !known.has(code)),
        fieldOf(dimension.id),
        dimension.codes.map((code) => code.code),
      );
      const chosen = new Set(wanted);
      return { id: dimension.id, label: dimension.label, codes: dimension.codes.filter((code) => chosen.has(code.code)) };
    }),
  ];
  return { dataset, dimensions, cellCount: dimensions.reduce((product, dimension) => product * dimension.codes.length, 1) };
}

function selectGeos(available: readonly string[], wanted: readonly string[] | undefined, field: string): TableDimension['codes'] {
  let geos: string[];
  if (wanted === undefined) {
    geos = [...available];
  } else {
    refuseUnknown(
      'geo',
      wanted.filter((geo) => !isKnownGeo(geo)),
      field,
    );
    geos = [...new Set(wanted)];
  }
  return geos.sort(compareGeos).map((geo) => ({ code: geo, label: geoLabel(geo) }));
}

function selectTimes(available: readonly string[], wanted: readonly string[] | undefined, field: string): TableDimension['codes'] {
  let periods: Period[];
  if (wanted === undefined) {
    periods = available.map((time) => tryParsePeriod(time)).filter((period): period is Period => period !== undefined);
  } else {
    const parsed = wanted.map((time) => ({ time, period: tryParsePeriod(time) }));
    refuseUnknown(
      'time',
      parsed.filter((entry) => entry.period === undefined).map((entry) => entry.time),
      field,
    );
    const unique = new Map(parsed.map((entry) => [formatPeriod(entry.period as Period), entry.period as Period]));
    periods = [...unique.values()];
  }
  return periods.sort(comparePeriods).map((period) => {
    const time = formatPeriod(period);
    return { code: time, label: time };
  });
}

/**
 * Names the dimension and how many codes were refused, and lists the codes it has when the list is short; the
 * refused text itself is not echoed (a filter is free text from the caller).
 */
function refuseUnknown(dimension: string, unknown: readonly string[], field: string, allowed?: readonly string[]): void {
  if (unknown.length === 0) return;
  const expected =
    dimension === 'geo'
      ? 'country codes of the standard (Eurostat spelling) or country group ids'
      : dimension === 'time'
        ? 'years (2026) or quarters (2026-Q1)'
        : `codes of ${dimension}`;
  throw new FiguresException(
    FiguresErrorCode.UNKNOWN_CODE,
    `${unknown.length} code(s) in the ${dimension} filter are not ${expected}.`,
    [field],
    { dimension, ...(allowed === undefined ? {} : { allowed }) },
  );
}
