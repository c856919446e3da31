import { describe, expect, it } from '@jest/globals';
import { entityTagOf, matchesIfNoneMatch } from './entity-tag.js';

describe('entity tags', () => {
  it('gives equal bytes equal strong tags, and other bytes other tags', () => {
    expect(entityTagOf('{"data":1}\n')).toBe(entityTagOf(Buffer.from('{"data":1}\n')));
    expect(entityTagOf('{"data":1}\n')).not.toBe(entityTagOf('{"data":2}\n'));
    expect(entityTagOf('x')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches If-None-Match lists, weak tags and the wildcard', () => {
    expect(matchesIfNoneMatch(undefined, '"r1-x"')).toBe(false);
    expect(matchesIfNoneMatch('"r1-x"', '"r1-x"')).toBe(true);
    expect(matchesIfNoneMatch('"r1-y", W/"r1-x"', '"r1-x"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"r1-x"')).toBe(true);
    expect(matchesIfNoneMatch('"r2-x"', '"r1-x"')).toBe(false);
  });
});
