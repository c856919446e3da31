import { describe, expect, it } from '@jest/globals';
import {
  canonicalFlags,
  DEFAULT_FLAG_LABELS,
  flagLabel,
  flagLabelsOf,
  isObservationFlag,
  OBSERVATION_FLAG_ORDER,
  parseFlags,
} from './observation-flag.js';
import { errorCodeOf } from './testing/error-code.js';

describe('observation flags', () => {
  it('lists the standard flags in the canonical order of the data standard', () => {
    expect(OBSERVATION_FLAG_ORDER.join('')).toBe(':-bcdepruz');
    expect(Object.keys(DEFAULT_FLAG_LABELS).sort()).toEqual([...OBSERVATION_FLAG_ORDER].sort());
  });

  it('puts combined flags in canonical order and drops repeats', () => {
    expect(canonicalFlags('uc')).toBe('cu');
    expect(canonicalFlags('db')).toBe('bd');
    expect(canonicalFlags('zurpc:')).toBe(':cpruz');
    expect(canonicalFlags('ccbb')).toBe('bc');
    expect(canonicalFlags('peb')).toBe('bep');
    expect(canonicalFlags('')).toBe('');
    expect(parseFlags('pe')).toEqual(['e', 'p']);
  });

  it('rejects a flag the standard does not know, and a separator, with a stable code', () => {
    for (const flags of ['x', 'c u', 'C', 'c,u', 'f']) {
      expect(errorCodeOf(() => parseFlags(flags))).toBe('UNKNOWN_FLAG');
    }
  });

  it('recognises flags one character at a time', () => {
    expect(isObservationFlag('c')).toBe(true);
    expect(isObservationFlag(':')).toBe(true);
    expect(isObservationFlag('cu')).toBe(false);
    expect(isObservationFlag('')).toBe(false);
  });

  it('labels a flag from hub metadata first, then from the standard', () => {
    expect(flagLabel('c')).toBe('confidential');
    expect(flagLabel('c', { c: 'suppressed (fewer than 5)' })).toBe('suppressed (fewer than 5)');
    expect(flagLabel('c', { c: '  ' })).toBe('confidential');
    expect(flagLabel(':', { c: 'x' })).toBe('not available');
    expect(flagLabelsOf('uc', { u: 'low reliability (perturbed)' })).toEqual(['confidential', 'low reliability (perturbed)']);
  });
});
