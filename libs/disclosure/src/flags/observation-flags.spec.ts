import { describe, expect, it } from '@jest/globals';
import { DisclosureException } from '../disclosure.exception.js';
import { NO_FLAGS, OBSERVATION_FLAGS, combineFlags, flagList, flagsOf, hasFlag, parseFlags } from './observation-flags.js';

describe('observation flags', () => {
  it('uses the canonical order of the data standard', () => {
    expect(OBSERVATION_FLAGS.join('')).toBe(':-bcdepruz');
    expect(flagsOf('p', 'e', 'b')).toBe('bep');
  });

  it('writes flags in canonical order, each once', () => {
    expect(flagsOf('u', 'c')).toBe('cu');
    expect(flagsOf('d', 'b', 'd')).toBe('bd');
    expect(flagsOf()).toBe(NO_FLAGS);
  });

  it('combines sets as a union', () => {
    expect(combineFlags(flagsOf('c'), flagsOf('u'), flagsOf('r', 'c'))).toBe('cru');
    expect(combineFlags()).toBe('');
    expect(combineFlags(NO_FLAGS, flagsOf('b'))).toBe('b');
  });

  it('parses foreign flag strings and rejects unknown symbols', () => {
    expect(parseFlags('db')).toBe('bd');
    expect(parseFlags('')).toBe('');
    expect(() => parseFlags('x')).toThrow(DisclosureException);
  });

  it('lists and tests membership', () => {
    const flags = flagsOf('p', 'c');
    expect(flagList(flags)).toEqual(['c', 'p']);
    expect(hasFlag(flags, 'c')).toBe(true);
    expect(hasFlag(flags, 'u')).toBe(false);
  });
});
