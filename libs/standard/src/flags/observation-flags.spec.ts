import { describe, expect, it } from '@jest/globals';
import { OBSERVATION_FLAG } from '../code-lists/code-lists.js';
import { combineFlags, flagLabels, parseFlags } from './observation-flags.js';

describe('observation flags', () => {
  it("has a label for each of Eurostat's symbols", () => {
    expect(OBSERVATION_FLAG.entries.map((entry) => [entry.code, entry.label])).toEqual([
      [':', 'not available'],
      ['-', 'true zero, confirmed by the reporting country'],
      ['b', 'break in time series'],
      ['c', 'confidential'],
      ['d', 'definition differs'],
      ['e', 'estimated'],
      ['p', 'provisional'],
      ['r', 'revised'],
      ['u', 'low reliability'],
      ['z', 'not applicable'],
    ]);
  });

  it('combines flags in canonical order without repeats', () => {
    expect(combineFlags('d', 'b')).toBe('bd');
    expect(combineFlags('pe', 'ep', '')).toBe('ep');
    expect(combineFlags('c', ':', 'u')).toBe(':cu');
    expect(combineFlags(['r', 'b'], 'r')).toBe('br');
    expect(combineFlags()).toBe('');
  });

  it('refuses symbols that are not flags', () => {
    expect(() => parseFlags('bx')).toThrow("'x' is not an observation flag");
    expect(() => combineFlags('B')).toThrow(RangeError);
    expect(parseFlags('e p')).toEqual(['e', 'p']);
  });

  it('labels a flag string', () => {
    expect(flagLabels('db')).toEqual([
      { flag: 'b', label: 'break in time series' },
      { flag: 'd', label: 'definition differs' },
    ]);
  });
});
