import { describe, expect, it } from '@jest/globals';
import { FIGURE_CATALOGUE } from '#app/standard';
import { selectFigures } from './figure-selection.js';
import { FiguresErrorCode, FiguresException } from './figures.exception.js';
import { assertSelectionSize } from './figures.service.js';

const extent = { geos: ['AT', 'DE', 'EU27_2020'], times: ['2025', '2025-Q4', '2026', '2026-Q1'] };
const sexAge = FIGURE_CATALOGUE.victims_sex_age;

function refusal(run: () => unknown): { code: string; fields: readonly string[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof FiguresException) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('selectFigures', () => {
  it("takes every code of every dimension without a filter: the cube's geos and times, the catalogue's codes", () => {
    const selection = selectFigures(sexAge, extent);
    expect(selection.dimensions.map((dimension) => dimension.id)).toEqual(['geo', 'time', 'leg_stat', 'sex', 'age']);
    expect(selection.dimensions[0]!.codes.map((code) => code.code)).toEqual(['AT', 'DE', 'EU27_2020']);
    expect(selection.dimensions[0]!.codes[0]!.label).toBe('Austria');
    expect(selection.dimensions[1]!.codes.map((code) => code.code)).toEqual(['2025', '2025-Q4', '2026', '2026-Q1']);
    expect(selection.cellCount).toBe(3 * 4 * 3 * 5 * 12);
  });

  it('keeps display order and drops repeats whatever order the filter lists codes in', () => {
    const selection = selectFigures(sexAge, extent, { geo: ['EU27_2020', 'AT', 'AT'], time: ['2026-Q1', '2025'], sex: ['TOTAL', 'F'] });
    expect(selection.dimensions[0]!.codes.map((code) => code.code)).toEqual(['AT', 'EU27_2020']);
    expect(selection.dimensions[1]!.codes.map((code) => code.code)).toEqual(['2025', '2026-Q1']);
    expect(selection.dimensions[3]!.codes.map((code) => code.code)).toEqual(['F', 'TOTAL']);
    expect(selection.cellCount).toBe(2 * 2 * 3 * 2 * 12);
  });

  it('keeps a valid geo or period the cube lacks (its cells are not available) and refuses what is not a code', () => {
    expect(selectFigures(sexAge, extent, { geo: ['FR'], time: ['2019-Q2'] }).dimensions[0]!.codes).toEqual([
      { code: 'FR', label: 'France' },
    ]);
    expect(refusal(() => selectFigures(sexAge, extent, { geo: ['GR'] }))).toEqual({
      code: FiguresErrorCode.UNKNOWN_CODE,
      fields: ['filter.geo'],
    });
    expect(refusal(() => selectFigures(sexAge, extent, { time: ['2026Q1'] }))).toEqual({
      code: FiguresErrorCode.UNKNOWN_CODE,
      fields: ['filter.time'],
    });
    expect(refusal(() => selectFigures(sexAge, extent, { age: ['Y_LT18'] }))).toEqual({
      code: FiguresErrorCode.UNKNOWN_CODE,
      fields: ['filter.age'],
    });
  });

  it('accepts TOTAL for a dimension the dataset lacks and refuses any other code of it', () => {
    expect(selectFigures(sexAge, extent, { citizen: ['TOTAL'], exploit: ['TOTAL'] }).dimensions).toHaveLength(5);
    expect(refusal(() => selectFigures(sexAge, extent, { citizen: ['NAT'] }))).toEqual({
      code: FiguresErrorCode.DIMENSION_NOT_IN_DATASET,
      fields: ['filter.citizen'],
    });
  });

  it('names refused fields as the caller named them', () => {
    const fieldOf = (dimension: string) => (dimension === 'geo' ? 'countries' : `filter.${dimension}`);
    expect(refusal(() => selectFigures(sexAge, extent, { geo: ['XX'] }, fieldOf)).fields).toEqual(['countries']);
  });

  it('refuses a selection with more cells than one answer may carry, saying how large it is', () => {
    const selection = selectFigures(sexAge, extent);
    expect(() => assertSelectionSize(selection, selection.cellCount)).not.toThrow();
    expect(refusal(() => assertSelectionSize(selection, selection.cellCount - 1))).toEqual({
      code: FiguresErrorCode.SELECTION_TOO_LARGE,
      fields: ['filter'],
    });
  });
});
