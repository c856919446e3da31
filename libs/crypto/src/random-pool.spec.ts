import { describe, expect, it } from '@jest/globals';
import { RandomPool } from './random-pool.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('RandomPool', () => {
  it('hands out the requested lengths, across refills and beyond the pool size', () => {
    const pool = new RandomPool(100);
    for (const length of [0, 1, 24, 32, 80, 99, 100, 101, 1000]) {
      expect(pool.take(length)).toHaveLength(length);
    }
  });

  it('never hands out the same bytes twice', () => {
    const pool = new RandomPool(256);
    const seen = new Set<string>();
    for (let index = 0; index < 5000; index += 1) {
      seen.add(hex(pool.take(16)));
    }
    expect(seen.size).toBe(5000);
  });

  it('returns independent copies, not views into the pool', () => {
    const pool = new RandomPool(64);
    const first = pool.take(32);
    const snapshot = hex(first);
    pool.take(32);
    pool.take(32);
    expect(hex(first)).toBe(snapshot);
    expect(first.buffer.byteLength).toBe(32);
  });

  it('looks uniform: every byte value appears in 64 KiB', () => {
    const pool = new RandomPool();
    const counts = new Array<number>(256).fill(0);
    for (let round = 0; round < 64; round += 1) {
      for (const byte of pool.take(1024)) {
        counts[byte] = (counts[byte] ?? 0) + 1;
      }
    }
    // Expected 256 per value; 150 is more than 6 standard deviations below.
    expect(Math.min(...counts)).toBeGreaterThan(150);
  });

  it('refuses a pool size that is not a positive integer', () => {
    expect(() => new RandomPool(0)).toThrow(RangeError);
    expect(() => new RandomPool(1.5)).toThrow(RangeError);
  });
});
