import { describe, expect, it } from '@jest/globals';
import type { ReleaseCell } from './dataset-protection.js';
import { coverageKey, type Coverage, type ReleasePlan } from './release-plan.js';
import { cellKey, markRevisions } from './revision-flags.js';

const coverage = (geo: string, time: string, reported: boolean): Coverage => ({
  geo,
  time,
  reported,
  flags: reported ? '' : ':',
  breakdownsNotCollected: [],
});
const plan: ReleasePlan = {
  countries: ['AT', 'DE'],
  groups: [],
  times: ['2025-Q1', '2025-Q2'],
  coverage: new Map(
    [coverage('AT', '2025-Q1', true), coverage('AT', '2025-Q2', true), coverage('DE', '2025-Q1', true)].map((row) => [
      coverageKey(row.geo, row.time),
      row,
    ]),
  ),
};
const cell = (geo: string, time: string, codes: string[], value: number | null, flags = ''): ReleaseCell => ({
  geo,
  time,
  codes,
  value,
  flags,
});

describe('revision flags', () => {
  const previous = {
    values: new Map<string, number | null>([
      [cellKey('AT', '2025-Q1', ['F']), 7],
      [cellKey('AT', '2025-Q1', ['M']), 5],
      [cellKey('AT', '2025-Q1', ['OTHER']), null],
    ]),
    reported: new Set([coverageKey('AT', '2025-Q1')]),
  };

  it('flags r where the published value changed, including a cell that became an absent zero', () => {
    const marked = markRevisions(
      [cell('AT', '2025-Q1', ['F'], 6), cell('AT', '2025-Q1', ['OTHER'], null), cell('AT', '2025-Q1', ['UNK'], 3)],
      previous,
      plan,
    );
    expect(marked).toEqual([
      cell('AT', '2025-Q1', ['F'], 6, 'r'),
      cell('AT', '2025-Q1', ['OTHER'], null),
      cell('AT', '2025-Q1', ['UNK'], 3, 'r'),
      cell('AT', '2025-Q1', ['M'], 0, 'r'),
    ]);
  });

  it('does not flag a geo and time reported for the first time', () => {
    const marked = markRevisions([cell('DE', '2025-Q1', ['F'], 4)], previous, plan);
    expect(marked.filter((row) => row.geo === 'DE')).toEqual([cell('DE', '2025-Q1', ['F'], 4)]);
  });

  it('flags nothing in a first release', () => {
    expect(markRevisions([cell('AT', '2025-Q1', ['F'], 6)], undefined, plan)).toEqual([cell('AT', '2025-Q1', ['F'], 6)]);
  });
});
