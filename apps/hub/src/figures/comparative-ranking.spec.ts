import { describe, expect, it } from '@jest/globals';
import { isComparable, rankComparable } from './comparative-ranking.js';

describe('rankComparable', () => {
  it('ranks comparable countries from the highest value, ties sharing a rank and the next rank skipping', () => {
    const ranks = rankComparable([
      { geo: 'AT', value: 12, flags: '', isGroup: false },
      { geo: 'BE', value: 30, flags: 'p', isGroup: false },
      { geo: 'CZ', value: 12, flags: 'u', isGroup: false },
      { geo: 'DK', value: 5, flags: '', isGroup: false },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ BE: 1, AT: 2, CZ: 2, DK: 4 });
  });

  it('leaves out countries without a value, with a differing definition or not available, and groups', () => {
    const candidates = [
      { geo: 'AT', value: 12, flags: '', isGroup: false },
      { geo: 'DE', value: 90, flags: 'd', isGroup: false },
      { geo: 'FR', value: null, flags: ':', isGroup: false },
      { geo: 'IT', value: null, flags: 'c', isGroup: false },
      { geo: 'ES', value: 40, flags: ':', isGroup: false },
      { geo: 'EU27_2020', value: 400, flags: '', isGroup: true },
    ];
    expect(candidates.filter(isComparable).map((candidate) => candidate.geo)).toEqual(['AT']);
    expect(Object.fromEntries(rankComparable(candidates))).toEqual({ AT: 1 });
  });
});
