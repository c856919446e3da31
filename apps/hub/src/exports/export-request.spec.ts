import { describe, expect, it } from '@jest/globals';
import { DomainException } from '#app/common';
import { Measure } from '../figures/measure.js';
import { exportEntityTag, parseExportRequest } from './export-request.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('export requests', () => {
  it('reads format, release, measure, diff and dimension filters, lists comma-separated or repeated', () => {
    expect(parseExportRequest({ format: 'sdmx-csv', release: '3', diff: '2', geo: 'AT,DE', time: ['2026-Q1', '2026'], sex: 'F' })).toEqual({
      format: 'sdmx-csv',
      release: 3,
      measure: Measure.COUNT,
      diff: 2,
      filter: { geo: ['AT', 'DE'], time: ['2026-Q1', '2026'], sex: ['F'] },
    });
    expect(parseExportRequest({})).toMatchObject({ format: 'jsonstat', release: undefined, measure: Measure.COUNT, filter: {} });
    expect(parseExportRequest({ measure: 'RATE_PER_MILLION' }).measure).toBe(Measure.RATE_PER_MILLION);
  });

  it('refuses unknown parameters and formats, malformed numbers and lists, objects, and a diff outside SDMX-CSV', () => {
    expect(codeOf(() => parseExportRequest({ sexe: 'F' }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ format: 'xlsx' }))).toBe('UNKNOWN_FORMAT');
    expect(codeOf(() => parseExportRequest({ release: '0' }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ release: ['1', '2'] }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ geo: ',' }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ geo: 'AT;DROP TABLE' }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ geo: { nested: 'AT' } }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ measure: 'PERCENT' }))).toBe('INVALID_PARAMETER');
    expect(codeOf(() => parseExportRequest({ format: 'csv', diff: '1' }))).toBe('INVALID_DIFF');
  });

  it('tags equal outputs equally and anything that changes the bytes differently', () => {
    const request = parseExportRequest({ format: 'csv', geo: 'AT,DE', sex: 'F,TOTAL' });
    const tag = exportEntityTag('victims_sex_age', 3, request, null);
    expect(tag).toMatch(/^"r3-[A-Za-z0-9_-]{22}"$/);
    expect(exportEntityTag('victims_sex_age', 3, parseExportRequest({ sex: 'TOTAL,F,F', geo: ['DE', 'AT'], format: 'csv' }), null)).toBe(
      tag,
    );
    const others = [
      exportEntityTag('victims_sex_age', 4, request, null),
      exportEntityTag('victims_citizenship', 3, request, null),
      exportEntityTag('victims_sex_age', 3, parseExportRequest({ format: 'jsonstat', geo: 'AT,DE', sex: 'F,TOTAL' }), null),
      exportEntityTag('victims_sex_age', 3, parseExportRequest({ format: 'csv', geo: 'AT', sex: 'F,TOTAL' }), null),
      exportEntityTag('victims_sex_age', 3, request, 'tps00001@2027-01-31'),
    ];
    expect(new Set([tag, ...others]).size).toBe(6);
  });
});
