import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { NO_FLAGS, flagsOf } from '../flags/observation-flags.js';
import type { ObservationFlags } from '../flags/observation-flags.js';
import { CELL_KEY_MODULUS } from './cell-key.js';
import { perturbationRowFor } from './perturbation-table.js';
import type { PerturbationTable } from './perturbation-table.js';

export interface PerturbOptions {
  /**
   * k: a *published* value in 1..k-1 is flagged `u` (low reliability). The flag follows the published value, never the
   * original count: a flag computed from the count would tell what the noise hides (a `0` flagged `u` would say that
   * someone is there).
   */
  readonly smallCountThreshold?: number;
}

export interface PerturbedValue {
  readonly value: number;
  readonly flags: ObservationFlags;
}

/**
 * Publishes an original count n with the noise its cell key selects from the table: the same (n, cell key)
 * always gives the same value, so asking again or in another table teaches nothing new. Zero stays zero.
 */
export function perturb(n: number, cellKey: bigint, table: PerturbationTable, options: PerturbOptions = {}): PerturbedValue {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_CELL, 'A count must be a non-negative integer');
  }
  if (cellKey < 0n || cellKey >= CELL_KEY_MODULUS) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A cell key must be an integer in [0, 2^52)');
  }
  return perturbExactKey(n, Number(cellKey), table, smallThreshold(options));
}

export function smallThreshold(options: PerturbOptions): number {
  const threshold = options.smallCountThreshold ?? 0;
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_PARAMETERS, 'The small-count threshold k must be a non-negative integer');
  }
  return threshold;
}

const LOW_RELIABILITY = flagsOf('u');

/** The flags of a published value: a function of that value and the public threshold k only. */
export function reliabilityFlags(published: number, smallCountThreshold: number): ObservationFlags {
  return published > 0 && published < smallCountThreshold ? LOW_RELIABILITY : NO_FLAGS;
}

/** The hot path: `key` is an integer below 2^52 held in a number (exact), n a valid count. */
export function perturbExactKey(n: number, key: number, table: PerturbationTable, smallCountThreshold: number): PerturbedValue {
  if (n === 0) return { value: 0, flags: NO_FLAGS };
  const { entries } = perturbationRowFor(table, n);
  for (const entry of entries) {
    if (key < entry.upperKey) {
      const value = n + entry.deviation;
      return { value, flags: reliabilityFlags(value, smallCountThreshold) };
    }
  }
  // Unreachable: the last entry's bound is 2^52 and keys are below it.
  throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A cell key must be an integer in [0, 2^52)');
}
