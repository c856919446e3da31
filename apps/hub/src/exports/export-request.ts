import { createHash } from 'node:crypto';
import { DIMENSION_IDS } from '#app/standard';
import type { FigureFilter } from '../figures/figure-selection.js';
import type { Measure } from '../figures/measure.js';
import { ExportsErrorCode, ExportsException } from './exports.exception.js';
import {
  filterParameters,
  measureParameter,
  positiveIntegerParameter,
  refuseUnknownParameters,
  singleParameter,
  type RawQuery,
} from './query-parameters.js';

export const EXPORT_FORMATS = ['jsonstat', 'sdmx-csv', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  jsonstat: 'application/json',
  'sdmx-csv': 'application/vnd.sdmx.data+csv; version=2.0.0',
  csv: 'text/csv; charset=utf-8',
};

export const FILE_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { jsonstat: 'json', 'sdmx-csv': 'csv', csv: 'csv' };

/** A parsed `GET /exports/{dataset}` request. */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly release: number | undefined;
  readonly measure: Measure;
  readonly filter: FigureFilter;
  /** SDMX-CSV only: the earlier release to write R/D rows against. */
  readonly diff: number | undefined;
}

const KNOWN_PARAMETERS: ReadonlySet<string> = new Set(['format', 'release', 'measure', 'diff', ...DIMENSION_IDS]);

export function parseExportRequest(query: RawQuery): ExportRequest {
  refuseUnknownParameters(query, KNOWN_PARAMETERS);
  const format = singleParameter(query, 'format') ?? 'jsonstat';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ExportsException(ExportsErrorCode.UNKNOWN_FORMAT, `format must be one of ${EXPORT_FORMATS.join(', ')}.`, ['format']);
  }
  const release = positiveIntegerParameter(query, 'release');
  const diff = positiveIntegerParameter(query, 'diff');
  if (diff !== undefined && format !== 'sdmx-csv') {
    throw new ExportsException(ExportsErrorCode.INVALID_DIFF, 'diff gives SDMX-CSV R/D rows: use it with format=sdmx-csv.', ['diff']);
  }
  return { format: format as ExportFormat, release, measure: measureParameter(query), filter: filterParameters(query), diff };
}

/**
 * The entity tag of an export: the release (immutable) plus everything that shapes the bytes: format, measure, the
 * population table of a rate, the filter (codes sorted, since the output lists them in display order anyway), the diff
 * base. Equal tags mean equal bytes, so `If-None-Match` can be answered without reading a cell.
 */
export function exportEntityTag(dataset: string, release: number, request: ExportRequest, populationVersion: string | null): string {
  const filter = Object.fromEntries(
    DIMENSION_IDS.flatMap((dimension) => {
      const codes = request.filter[dimension];
      return codes === undefined ? [] : [[dimension, [...new Set(codes)].sort()]];
    }),
  );
  const identity = JSON.stringify([dataset, request.format, request.measure, populationVersion, filter, request.diff ?? null]);
  return `"r${release}-${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`;
}
