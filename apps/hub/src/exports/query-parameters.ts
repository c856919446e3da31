import { DIMENSION_IDS, type DimensionId } from '#app/standard';
import type { FigureFilter } from '../figures/figure-selection.js';
import { isMeasure, Measure } from '../figures/measure.js';
import { ExportsErrorCode, ExportsException } from './exports.exception.js';

/** Express's parsed query string: a value is a string, a list of strings (repeated key) or, with brackets, an object. */
export type RawQuery = Readonly<Record<string, unknown>>;

const LIST_ITEM = /^[A-Za-z0-9_-]{1,40}$/;

/** Every value of a parameter: repeated keys and comma-separated lists alike (`geo=AT,DE` = `geo=AT&geo=DE`). */
export function listParameter(query: RawQuery, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).map((value) => {
    if (typeof value !== 'string') throw invalid(name, 'must be a plain value, not an object');
    return value;
  });
  const items = parts
    .flatMap((part) => part.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw invalid(name, 'is empty');
  if (items.some((item) => !LIST_ITEM.test(item))) throw invalid(name, 'lists something that is not a code');
  return items;
}

export function singleParameter(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw invalid(name, 'must be given once, as a plain value');
  return raw;
}

export function positiveIntegerParameter(query: RawQuery, name: string): number | undefined {
  const raw = singleParameter(query, name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw invalid(name, 'must be a positive whole number');
  return Number(raw);
}

export function measureParameter(query: RawQuery): Measure {
  const raw = singleParameter(query, 'measure');
  if (raw === undefined || raw === '') return Measure.COUNT;
  if (!isMeasure(raw)) throw invalid('measure', `must be one of ${Object.values(Measure).join(', ')}`);
  return raw;
}

/** The figures filter from dimension-named parameters, as in `geo=AT,DE&time=2026-Q1,2026&sex=F`. */
export function filterParameters(query: RawQuery): FigureFilter {
  const filter: { -readonly [K in DimensionId]?: readonly string[] } = {};
  for (const dimension of DIMENSION_IDS) {
    const codes = listParameter(query, dimension);
    if (codes !== undefined) filter[dimension] = codes;
  }
  return filter;
}

/** Refuses parameters the endpoint does not know, so a misspelt filter (`sexe=F`) is not silently ignored. */
export function refuseUnknownParameters(query: RawQuery, known: ReadonlySet<string>): void {
  const unknown = Object.keys(query).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ExportsException(
      ExportsErrorCode.INVALID_PARAMETER,
      `${unknown.length} unknown query parameter(s); known: ${[...known].join(', ')}.`,
      unknown.filter((name) => LIST_ITEM.test(name)),
    );
  }
}

function invalid(name: string, problem: string): ExportsException {
  return new ExportsException(ExportsErrorCode.INVALID_PARAMETER, `Query parameter ${name} ${problem}.`, [name]);
}
