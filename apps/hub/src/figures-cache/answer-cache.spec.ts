import { describe, expect, it } from '@jest/globals';
import { AnswerCache } from './answer-cache.js';

const answer = (text: string) => ({ bytes: Buffer.from(text), entityTag: '', extra: text });

describe('AnswerCache', () => {
  it('returns what was stored under the same generation and key, and counts hits and misses', () => {
    const cache = new AnswerCache<string>(1_000);
    expect(cache.get(1, 'a')).toBeUndefined();
    cache.set(1, 'a', answer('alpha'));
    expect(cache.get(1, 'a')?.bytes.toString()).toBe('alpha');
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 2 });
  });

  it('forgets everything when asked with another generation', () => {
    const cache = new AnswerCache<string>(1_000);
    cache.set(1, 'a', answer('alpha'));
    expect(cache.get(2, 'a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    cache.set(2, 'a', answer('beta'));
    // An older generation is no way back to older answers either.
    expect(cache.get(1, 'a')).toBeUndefined();
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    // Each entry: 10 bytes of answer and a one-character key (2 bytes).
    const cache = new AnswerCache<string>(36);
    for (const key of ['a', 'b', 'c']) cache.set(1, key, answer(key.repeat(10)));
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 36 });
    expect(cache.get(1, 'a')).toBeDefined();
    cache.set(1, 'd', answer('d'.repeat(10)));
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => cache.get(1, key)?.extra)).toEqual(['a', 'c', 'd'].map((key) => key.repeat(10)));
    expect(cache.stats().bytes).toBeLessThanOrEqual(36);
  });

  it('replaces an entry under the same key without counting it twice, and skips an answer larger than the whole cache', () => {
    const cache = new AnswerCache<string>(40);
    cache.set(1, 'a', answer('x'.repeat(10)));
    cache.set(1, 'a', answer('y'.repeat(20)));
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 22 });
    cache.set(1, 'b', answer('z'.repeat(100)));
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')?.bytes.toString()).toBe('y'.repeat(20));
  });

  it('is off with no bytes, and refuses a bound that is not a whole number', () => {
    expect(new AnswerCache(0).enabled).toBe(false);
    expect(() => new AnswerCache(-1)).toThrow(RangeError);
    expect(() => new AnswerCache(1.5)).toThrow(RangeError);
  });

  it('ranks answers by the requests they answered, and keeps that count through a new generation when asked to', () => {
    const cache = new AnswerCache<string>(1_000);
    for (const key of ['a', 'b', 'c']) cache.set(1, key, answer(key));
    for (let hit = 0; hit < 3; hit += 1) cache.get(1, 'b');
    cache.get(1, 'c');
    expect(cache.mostRequested(2).map(({ key, requests }) => [key, requests])).toEqual([
      ['b', 4],
      ['c', 2],
    ]);
    // Equal counts: the more recently used first.
    expect(cache.mostRequested(3).map(({ key }) => key)).toEqual(['b', 'c', 'a']);
    expect(cache.mostRequested(0)).toEqual([]);
    // Computed again for generation 2 with its count: it stays ahead of answers new in that generation.
    cache.set(2, 'b', answer('b2'), 4);
    cache.set(2, 'd', answer('d'));
    expect(cache.mostRequested(1).map(({ key, requests }) => [key, requests])).toEqual([['b', 4]]);
    expect(cache.holds(2, 'b')).toBe(true);
    expect(cache.holds(1, 'b')).toBe(false);
    expect(cache.holds(2, 'a')).toBe(false);
  });
});
