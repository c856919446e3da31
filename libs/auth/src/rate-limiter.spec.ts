import { describe, expect, it } from '@jest/globals';
import { TokenBucketRateLimiter } from './rate-limiter.js';

/** A clock the test moves by hand, so no assertion depends on real time. */
function manualClock() {
  let now = 0;
  return { now: () => now, advanceSeconds: (seconds: number) => (now += seconds * 1000) };
}

describe('TokenBucketRateLimiter', () => {
  it('allows a burst of perMinute requests, then refuses with the wait until the next token', () => {
    const clock = manualClock();
    const limiter = new TokenBucketRateLimiter({ perMinute: 6, now: clock.now });
    const decisions = Array.from({ length: 6 }, () => limiter.take('sub:a'));
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    expect(decisions.at(-1)).toEqual({ allowed: true, remaining: 0 });
    // 6 per minute = one token every 10 s.
    expect(limiter.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock.advanceSeconds(4);
    expect(limiter.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('refills at the configured rate and never above the burst size', () => {
    const clock = manualClock();
    const limiter = new TokenBucketRateLimiter({ perMinute: 60, now: clock.now });
    for (let i = 0; i < 60; i += 1) limiter.take('ip:10.0.0.1');
    expect(limiter.take('ip:10.0.0.1').allowed).toBe(false);
    clock.advanceSeconds(1);
    expect(limiter.take('ip:10.0.0.1')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('ip:10.0.0.1').allowed).toBe(false);
    clock.advanceSeconds(3600);
    expect(limiter.take('ip:10.0.0.1')).toEqual({ allowed: true, remaining: 59 });
  });

  it('keeps one bucket per key', () => {
    const clock = manualClock();
    const limiter = new TokenBucketRateLimiter({ perMinute: 1, now: clock.now });
    expect(limiter.take('sub:a').allowed).toBe(true);
    expect(limiter.take('sub:a').allowed).toBe(false);
    expect(limiter.take('sub:b').allowed).toBe(true);
    expect(limiter.take('ip:127.0.0.1').allowed).toBe(true);
  });

  it('bounds memory by dropping the least recently used keys', () => {
    const clock = manualClock();
    const limiter = new TokenBucketRateLimiter({ perMinute: 1, maxKeys: 10, now: clock.now });
    limiter.take('sub:busy');
    for (let i = 0; i < 50; i += 1) {
      limiter.take(`ip:spoofed-${i}`);
      expect(limiter.take('sub:busy').allowed).toBe(false);
    }
    expect(limiter.trackedKeys).toBeLessThanOrEqual(10);
  });

  it('refuses a meaningless rate', () => {
    expect(() => new TokenBucketRateLimiter({ perMinute: 0 })).toThrow(RangeError);
    expect(() => new TokenBucketRateLimiter({ perMinute: 1.5 })).toThrow(RangeError);
  });
});
