/** A serialised GraphQL answer and what serving it again must repeat. */
export interface CachedAnswer<Extra> {
  readonly bytes: Buffer;
  /** Strong entity tag of the bytes, for If-None-Match. */
  readonly entityTag: string;
  readonly extra: Extra;
}

/**
 * Serialised answers by key, least recently used dropped first, bounded by the bytes they hold. Every entry belongs
 * to one generation of the figures' inputs: asking with another generation empties the cache first, so an answer
 * never outlives the release, metadata or population table it was computed from.
 */
export class AnswerCache<Extra> {
  private readonly entries = new Map<string, CachedAnswer<Extra>>();
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
    // Map keeps insertion order: re-inserting moves the entry to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  set(generation: number, key: string, answer: CachedAnswer<Extra>): void {
    this.follow(generation);
    const size = entrySize(key, answer);
    if (size > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.heldBytes -= entrySize(key, previous);
    }
    this.entries.set(key, answer);
    this.heldBytes += size;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.heldBytes <= this.maxBytes) break;
      this.entries.delete(oldestKey);
      this.heldBytes -= entrySize(oldestKey, oldest);
    }
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
