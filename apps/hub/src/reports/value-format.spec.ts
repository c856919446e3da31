import { describe, expect, it } from '@jest/globals';
import { Measure } from '../figures/measure.js';
import { formatValue, niceAxis } from './value-format.js';

describe('value format', () => {
  it('prints counts whole with separators, rates with two decimals, and a dash for no value', () => {
    expect(formatValue(12345, Measure.COUNT)).toBe('12,345');
    expect(formatValue(0.30567, Measure.RATE_PER_100K)).toBe('0.31');
    expect(formatValue(null, Measure.RATE_PER_MILLION)).toBe('–');
  });

  it('draws axes to a round top in whole steps for counts', () => {
    expect(niceAxis(34, true)).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(niceAxis(3, true)).toEqual({ top: 5, ticks: [0, 1, 2, 3, 4, 5] });
    expect(niceAxis(17, true)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
    expect(niceAxis(25, true).ticks).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceAxis(0.31, false)).toEqual({ top: 0.5, ticks: [0, 0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(niceAxis(0, false).top).toBe(1);
    expect(niceAxis(100, true).top).toBe(100);
  });
});
