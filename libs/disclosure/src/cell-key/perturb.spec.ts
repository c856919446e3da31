import { describe, expect, it } from '@jest/globals';
import { DisclosureException } from '../disclosure.exception.js';
import { CELL_KEY_MODULUS } from './cell-key.js';
import { perturb } from './perturb.js';
import { EXAMPLE_PERTURBATION_PARAMETERS, buildPerturbationTable, perturbationRowFor } from './perturbation-table.js';

const table = buildPerturbationTable(EXAMPLE_PERTURBATION_PARAMETERS);
const { blockedUpTo } = EXAMPLE_PERTURBATION_PARAMETERS;

/** Keys spread evenly over [0, 2^52): key j of n sits in the middle of the j-th slice. */
function evenKeys(count: number): bigint[] {
  return Array.from({ length: count }, (_, index) => (CELL_KEY_MODULUS * BigInt(2 * index + 1)) / BigInt(2 * count));
}

describe('perturb', () => {
  it('keeps zero at zero whatever the key', () => {
    for (const key of evenKeys(50)) expect(perturb(0, key, table)).toEqual({ value: 0, flags: '' });
  });

  it('gives the same value for the same count and key', () => {
    for (const key of evenKeys(20)) expect(perturb(7, key, table)).toEqual(perturb(7, key, table));
  });

  it('picks deviations with the probabilities of the row', () => {
    const keys = evenKeys(20_000);
    for (const original of [1, 2, 3, 6, 50]) {
      const row = perturbationRowFor(table, original);
      const frequency = new Map<number, number>();
      for (const key of keys) {
        const { value } = perturb(original, key, table);
        frequency.set(value - original, (frequency.get(value - original) ?? 0) + 1);
      }
      for (const entry of row.entries) {
        expect(Math.abs((frequency.get(entry.deviation) ?? 0) / keys.length - entry.probability)).toBeLessThan(1e-4);
      }
      const published = [...frequency.keys()].map((deviation) => original + deviation);
      expect(published.every((value) => value >= 0 && !(value >= 1 && value <= blockedUpTo))).toBe(true);
    }
  });

  it('uses the key boundaries exactly', () => {
    const row = perturbationRowFor(table, 10);
    const firstBound = BigInt(row.entries[0]!.upperKey);
    expect(perturb(10, firstBound - 1n, table).value).toBe(10 + row.entries[0]!.deviation);
    expect(perturb(10, firstBound, table).value).toBe(10 + row.entries[1]!.deviation);
    expect(perturb(10, 0n, table).value).toBe(10 + row.entries[0]!.deviation);
    expect(perturb(10, CELL_KEY_MODULUS - 1n, table).value).toBe(10 + row.entries.at(-1)!.deviation);
  });

  it('flags u exactly the published values in 1..k-1, whatever the original count', () => {
    for (let n = 0; n <= 12; n++) {
      for (let step = 0n; step < 64n; step++) {
        const key = (CELL_KEY_MODULUS / 64n) * step + 12_345n;
        const { value, flags } = perturb(n, key, table, { smallCountThreshold: 5 });
        expect(flags).toBe(value! > 0 && value! < 5 ? 'u' : '');
        expect(perturb(n, key, table).flags).toBe('');
      }
    }
  });

  it('gives a published 0 the same flags whether the original count was 0 or small', () => {
    const zeroFlags = perturb(0, 99n, table, { smallCountThreshold: 5 }).flags;
    let smallToZero = 0;
    for (let n = 1; n < 5; n++) {
      for (let step = 0n; step < 256n; step++) {
        const published = perturb(n, (CELL_KEY_MODULUS / 256n) * step, table, { smallCountThreshold: 5 });
        if (published.value !== 0) continue;
        smallToZero += 1;
        expect(published.flags).toBe(zeroFlags);
      }
    }
    expect(smallToZero).toBeGreaterThan(0);
  });

  it('rejects invalid counts, keys and thresholds', () => {
    expect(() => perturb(-1, 0n, table)).toThrow(DisclosureException);
    expect(() => perturb(1.5, 0n, table)).toThrow(DisclosureException);
    expect(() => perturb(3, CELL_KEY_MODULUS, table)).toThrow(DisclosureException);
    expect(() => perturb(3, -1n, table)).toThrow(DisclosureException);
    expect(() => perturb(3, 0n, table, { smallCountThreshold: -2 })).toThrow(DisclosureException);
  });
});
