import { describe, expect, it } from '@jest/globals';
import { retryDelayMs, retryTimingOf } from './retry-delay.js';

const timing = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles the nominal delay with each failed attempt', () => {
    const highest = (attempt: number) => retryDelayMs(attempt, timing, () => 1);
    expect([1, 2, 3, 4, 5].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits less than half the nominal delay, nor more than the cap', () => {
    expect(retryDelayMs(3, timing, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, timing, () => 0.5)).toBe(3_000);
    expect(retryDelayMs(30, timing, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, timing, () => 0)).toBe(30_000);
  });

  it('stays finite and capped for absurd attempt counts and bad random values', () => {
    expect(retryDelayMs(10_000, timing, () => 7)).toBe(60_000);
    expect(retryDelayMs(0, timing, () => -1)).toBe(500);
  });

  it('spreads retries of the same attempt over a range (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, timing)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});

describe('retryTimingOf', () => {
  const defaults = {
    baseDelayMs: 1_000,
    maxDelayMs: 300_000,
    unreachableMaxDelayMs: 5_000,
    pollIntervalMs: 2_000,
    requestTimeoutMs: 15_000,
  };

  it('probes a hub that refuses connections every few seconds at most, however long it has been down', () => {
    const timing = retryTimingOf('HUB_UNREACHABLE', defaults);
    expect(retryDelayMs(40, timing, () => 1)).toBe(5_000);
    expect(retryDelayMs(40, timing, () => 0)).toBe(2_500);
  });

  it('keeps the full backoff for a hub that answers slowly or refuses the message', () => {
    for (const code of ['HUB_TIMEOUT', 'HUB_HTTP_503', 'RATE_LIMITED', 'RECEIPT_MISMATCH']) {
      expect(retryDelayMs(40, retryTimingOf(code, defaults), () => 1)).toBe(300_000);
    }
  });
});
