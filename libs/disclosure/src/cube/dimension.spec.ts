import { describe, expect, it } from '@jest/globals';
import { DisclosureException } from '../disclosure.exception.js';
import { cellIndexOf, coordinatesOf, cubeLayout } from './cube-layout.js';
import {
  TOTAL,
  codesOf,
  flatDimension,
  groupedDimension,
  independentDimension,
  multiResponseDimension,
  validateDimensions,
} from './dimension.js';

describe('dimensions', () => {
  it('list leaves first, then groups', () => {
    expect(codesOf(flatDimension('sex', ['F', 'M']))).toEqual(['F', 'M', TOTAL]);
    expect(codesOf(groupedDimension('geo', ['AT', 'BE', 'CH'], [{ code: 'EU', members: ['AT', 'BE'] }]))).toEqual(['AT', 'BE', 'CH', 'EU']);
    expect(codesOf(independentDimension('time', ['2026-Q1', '2026']))).toEqual(['2026-Q1', '2026']);
    expect(multiResponseDimension('exploit', ['SEXUAL', 'LABOUR']).groups).toEqual([{ code: TOTAL, members: ['SEXUAL', 'LABOUR'] }]);
  });

  it('reject what a cube cannot be built on', () => {
    const sex = flatDimension('sex', ['F', 'M']);
    expect(() => validateDimensions([])).toThrow(DisclosureException);
    expect(() => validateDimensions([sex, sex])).toThrow(DisclosureException);
    expect(() => validateDimensions([flatDimension('sex', ['F', 'F'])])).toThrow(DisclosureException);
    expect(() => validateDimensions([flatDimension('sex', ['F', TOTAL])])).toThrow(DisclosureException);
    expect(() => validateDimensions([groupedDimension('geo', ['AT'], [{ code: 'EU', members: ['XX'] }])])).toThrow(DisclosureException);
    expect(() => validateDimensions([groupedDimension('geo', ['AT'], [{ code: 'EU', members: [] }])])).toThrow(DisclosureException);
    expect(() => validateDimensions([independentDimension('time', [])])).toThrow(DisclosureException);
  });
});

describe('cubeLayout', () => {
  const layout = cubeLayout([flatDimension('sex', ['F', 'M']), independentDimension('time', ['Q1', 'Q2', 'Y'])]);

  it('addresses every cell once, last dimension fastest', () => {
    expect(layout.cellCount).toBe(9);
    expect(layout.strides).toEqual([3, 1]);
    expect(cellIndexOf(layout, ['M', 'Q2'])).toBe(4);
    const all = Array.from({ length: layout.cellCount }, (_, index) => coordinatesOf(layout, index));
    expect(all[0]).toEqual(['F', 'Q1']);
    expect(all[8]).toEqual([TOTAL, 'Y']);
    all.forEach((coordinates, index) => expect(cellIndexOf(layout, coordinates)).toBe(index));
  });

  it('rejects unknown codes and wrong arity', () => {
    expect(() => cellIndexOf(layout, ['X', 'Q1'])).toThrow(DisclosureException);
    expect(() => cellIndexOf(layout, ['F'])).toThrow(DisclosureException);
  });
});
