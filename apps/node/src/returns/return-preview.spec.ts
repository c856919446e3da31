import { describe, expect, it } from '@jest/globals';
import { changedFigures, type ComparableDataset } from './return-preview.js';

const cell = (coordinates: string[], count: number, value: number | null, flags = '') => ({
  coordinates,
  count,
  value,
  flags,
  belowThreshold: false,
});

describe('changedFigures', () => {
  it('lists the cells whose count, published value or flags differ, and the cells that came or went', () => {
    const before: ComparableDataset[] = [
      { id: 'victims_sex_age', cells: [cell(['F'], 9, 9), cell(['M'], 3, null, 'c'), cell(['X'], 1, null, 'c')] },
    ];
    const after: ComparableDataset[] = [
      { id: 'victims_sex_age', cells: [cell(['F'], 9, 9), cell(['M'], 6, 6), cell(['T'], 15, 15)] },
      { id: 'victims_exploitation', cells: [cell(['SEXUAL'], 2, null, 'c')] },
    ];
    expect(changedFigures(before, after)).toEqual([
      {
        dataset: 'victims_sex_age',
        coordinates: ['M'],
        before: { count: 3, value: null, flags: 'c' },
        after: { count: 6, value: 6, flags: '' },
      },
      { dataset: 'victims_sex_age', coordinates: ['T'], before: undefined, after: { count: 15, value: 15, flags: '' } },
      { dataset: 'victims_sex_age', coordinates: ['X'], before: { count: 1, value: null, flags: 'c' }, after: undefined },
      { dataset: 'victims_exploitation', coordinates: ['SEXUAL'], before: undefined, after: { count: 2, value: null, flags: 'c' } },
    ]);
    expect(changedFigures(after, after)).toEqual([]);
  });
});
