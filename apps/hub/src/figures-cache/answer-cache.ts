/** A serialised GraphQL answer and what serving it again must repeat. */
export interface CachedAnswer<Extra> {
  readonly bytes: Buffer;
  /** Strong entity tag of the bytes, for If-None-Match. */
  readonly entityTag: string;
  readonly extra: Extra;
}

/** An answer with how many requests it answered (the one that computed it included): what is worth warming first. */
export interface RequestedAnswer<Extra> {
  readonly key: string;
  readonly answer: CachedAnswer<Extra>;
  readonly requests: number;
}

interface Entry<Extra> {
  readonly answer: CachedAnswer<Extra>;
  requests: number;
}

/**
 * Serialised answers by key, least recently used dropped first, bounded by the bytes they hold. Every entry belongs
 * to one generation of the figures' inputs: asking with another generation empties the cache first, so an answer
 * never outlives the release, metadata or population table it was computed from.
 */
export class AnswerCache<Extra> {
  private readonly entries = new Map<string, Entry<Extra>>();
  private heldBytes = 0;
  private generation: number | undefined;
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`maxBytes must be a whole number >= 0, got ${maxBytes}`);
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get(generation: number, key: string): CachedAnswer<Extra> | undefined {
    this.follow(generation);
    const found = this.entries.get(key);
    if (found === undefined) {
      this.missCount += 1;
      return undefined;
    }
    this.hitCount += 1;
    found.requests += 1;
    // Map keeps insertion order: re-inserting moves the entry to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, found);
    return found.answer;
  }

  /** Stores an answer; `requests` carries over the count of an answer computed again for a new generation. */
  set(generation: number, key: string, answer: CachedAnswer<Extra>, requests = 1): void {
    this.follow(generation);
    const size = entrySize(key, answer);
    if (size > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.heldBytes -= entrySize(key, previous.answer);
    }
    this.entries.set(key, { answer, requests });
    this.heldBytes += size;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.heldBytes <= this.maxBytes) break;
      this.entries.delete(oldestKey);
      this.heldBytes -= entrySize(oldestKey, oldest.answer);
    }
  }

  /** Whether `key` holds an answer of `generation` (asks nothing of the LRU order, counts no hit). */
  holds(generation: number, key: string): boolean {
    return generation === this.generation && this.entries.has(key);
  }

  /**
   * The `limit` answers that answered the most requests, whatever their generation (asked just after a change, they
   * are the previous generation's): most requested first, the more recently used first among equals.
   */
  mostRequested(limit: number): RequestedAnswer<Extra>[] {
    return [...this.entries]
      .reverse()
      .map(([key, entry]) => ({ key, answer: entry.answer, requests: entry.requests }))
      .sort((a, b) => b.requests - a.requests)
      .slice(0, Math.max(0, limit));
  }

  stats(): { readonly entries: number; readonly bytes: number; readonly hits: number; readonly misses: number } {
    return { entries: this.entries.size, bytes: this.heldBytes, hits: this.hitCount, misses: this.missCount };
  }

  private follow(generation: number): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.heldBytes = 0;
    this.generation = generation;
  }
}

/** Bytes an entry holds: the answer and its key (two bytes per UTF-16 unit), near enough for a memory bound. */
function entrySize(key: string, answer: CachedAnswer<unknown>): number {
  return answer.bytes.length + (key.length + answer.entityTag.length) * 2;
}
