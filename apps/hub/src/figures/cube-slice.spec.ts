import { describe, expect, it } from '@jest/globals';
import { FIGURE_CATALOGUE } from '#app/standard';
import { coverageKey } from '../releases/release-plan.js';
import { cellKey } from '../releases/revision-flags.js';
import { sliceCube, type CubeCoverage, type StoredValue } from './cube-slice.js';
import { selectFigures } from './figure-selection.js';

const registeringOrg = FIGURE_CATALOGUE.victims_registering_org;

describe('sliceCube', () => {
  const coverage = new Map<string, CubeCoverage>([
    [coverageKey('AT', '2026-Q1'), { reported: true, flags: 'p', breakdownsNotCollected: [] }],
    [coverageKey('DE', '2026-Q1'), { reported: true, flags: 'd', breakdownsNotCollected: ['reg_org'] }],
    [coverageKey('FR', '2026-Q1'), { reported: false, flags: ':', breakdownsNotCollected: [] }],
  ]);
  const cells = new Map<string, StoredValue>([
    [cellKey('AT', '2026-Q1', ['TOTAL', 'TOTAL']), { value: 41, flags: 'p' }],
    [cellKey('AT', '2026-Q1', ['POLICE', 'F']), { value: 3, flags: 'pu' }],
    [cellKey('DE', '2026-Q1', ['TOTAL', 'TOTAL']), { value: 77, flags: 'd' }],
    [cellKey('FR', '2026-Q1', ['TOTAL', 'TOTAL']), { value: null, flags: ':' }],
  ]);
  const selection = selectFigures(
    registeringOrg,
    { geos: ['AT', 'DE', 'FR'], times: ['2026-Q1'] },
    { geo: ['AT', 'DE', 'FR', 'BE'], reg_org: ['POLICE', 'NGO', 'TOTAL'], sex: ['F', 'TOTAL'] },
  );
  const sliced = sliceCube(selection, { coverage, cells });
  const at = (...codes: string[]) => sliced.find((cell) => cell.codes.join('|') === codes.join('|'));

  it('lists every cell of the selection once, row-major with the last dimension fastest', () => {
    expect(sliced).toHaveLength(4 * 1 * 3 * 2);
    expect(sliced.slice(0, 3).map((cell) => cell.codes)).toEqual([
      ['AT', '2026-Q1', 'POLICE', 'F'],
      ['AT', '2026-Q1', 'POLICE', 'TOTAL'],
      ['AT', '2026-Q1', 'NGO', 'F'],
    ]);
  });

  it('reads stored cells as published and absent ones of a reported geo and time as zeros with its flags', () => {
    expect(at('AT', '2026-Q1', 'TOTAL', 'TOTAL')).toMatchObject({ value: 41, flags: 'p' });
    expect(at('AT', '2026-Q1', 'POLICE', 'F')).toMatchObject({ value: 3, flags: 'pu' });
    expect(at('AT', '2026-Q1', 'NGO', 'F')).toMatchObject({ value: 0, flags: 'p' });
  });

  it('makes a breakdown a country does not collect not available, but keeps its margin', () => {
    expect(at('DE', '2026-Q1', 'POLICE', 'TOTAL')).toMatchObject({ value: null, flags: ':d' });
    expect(at('DE', '2026-Q1', 'TOTAL', 'F')).toMatchObject({ value: 0, flags: 'd' });
    expect(at('DE', '2026-Q1', 'TOTAL', 'TOTAL')).toMatchObject({ value: 77, flags: 'd' });
  });

  it('makes every cell of a geo and time that did not report, or is not in the cube, not available', () => {
    expect(
      sliced.filter((cell) => cell.codes[0] === 'FR' || cell.codes[0] === 'BE').every((cell) => cell.value === null && cell.flags === ':'),
    ).toBe(true);
  });
});
