export type RateDecision =
  { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Sustained rate and burst size: a quiet caller may send this many requests at once. */
  readonly perMinute: number;
  /** Above this many tracked keys, idle (full) buckets are dropped, so spoofed addresses cannot exhaust memory. */
  readonly maxKeys?: number;
  /** Milliseconds since an arbitrary origin; injectable so tests need no real time. */
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const DEFAULT_MAX_KEYS = 100_000;

/** In-memory token buckets, one per key (`sub:<subject>` or `ip:<address>`). One process, no shared store. */
export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly tokensPerMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.perMinute) || options.perMinute < 1) {
      throw new RangeError(`perMinute must be a positive whole number, got ${options.perMinute}`);
    }
    this.capacity = options.perMinute;
    this.tokensPerMs = options.perMinute / 60_000;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const missingMs = (1 - bucket.tokens) / this.tokensPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missingMs / 1000)) };
  }

  get trackedKeys(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evictLeastRecentlyUsed();
      const bucket = { tokens: this.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    // Re-inserting keeps the map in least-recently-used order, so eviction takes the coldest keys first.
    this.buckets.delete(key);
    this.buckets.set(key, existing);
    const elapsed = Math.max(0, now - existing.updatedAt);
    existing.tokens = Math.min(this.capacity, existing.tokens + elapsed * this.tokensPerMs);
    existing.updatedAt = now;
    return existing;
  }

  /**
   * Drops the coldest tenth of the keys at once, so a flood of new keys (spoofed addresses) costs memory only up to
   * `maxKeys` and eviction stays amortised. A dropped key starts again with a full bucket, the state it would have
   * reached anyway after a minute of silence.
   */
  private evictLeastRecentlyUsed(): void {
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
  }
}
