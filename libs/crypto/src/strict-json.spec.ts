import { describe, expect, it } from '@jest/globals';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import { findDuplicateKey, parseStrictJsonObject } from './strict-json.js';

describe('findDuplicateKey', () => {
  it.each([
    ['{}', undefined],
    ['{"a":1,"b":2}', undefined],
    ['{"a":1,"a":2}', 'a'],
    ['{ "a" : 1 ,\n "a" : 2 }', 'a'],
    ['{"x":{"a":1,"a":2}}', 'a'],
    ['{"x":{"a":1},"y":{"a":2}}', undefined],
    ['[{"a":1},{"a":2}]', undefined],
    ['[{"a":1,"b":[{"a":1}],"a":3}]', 'a'],
    ['{"a":[1,2],"a":3}', 'a'],
    ['{"a":[{"b":1}],"b":2}', undefined],
    ['{"a":"a","b":"a"}', undefined],
    ['{"a":["a","a"]}', undefined],
    ['{"a":"}{\\"a\\":1","a":2}', 'a'],
    ['{"x":"\\"a\\"","a":1}', undefined],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"\\\\":1,"\\\\":2}', '\\'],
    ['{"":1,"":2}', ''],
    ['{"__proto__":1,"__proto__":2}', '__proto__'],
    ['"a"', undefined],
    ['[1,"a","a"]', undefined],
  ])('%s -> %j', (json, duplicate) => {
    expect(() => JSON.parse(json)).not.toThrow();
    expect(findDuplicateKey(json)).toBe(duplicate);
  });

  it('agrees with the known answer on generated documents, escapes and nesting included', () => {
    let seed = 20260701;
    const random = (): number => {
      // Deterministic xorshift, so a failure can be reproduced.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const keyPool = ['a', 'b', 'id', 'x y', 'é', '"', '\\', '{', '}', ':', ','];
    const encodeKey = (key: string): string =>
      random() < 0.3
        ? `"${[...key].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
        : JSON.stringify(key);

    /** Returns the JSON text and whether some object in it repeats a key. */
    const generate = (depth: number): { json: string; duplicated: boolean } => {
      const kind = depth > 3 ? 'scalar' : pick(['object', 'object', 'array', 'scalar']);
      if (kind === 'scalar') {
        return { json: JSON.stringify(pick([1, 'a', '{"a":1,"a":2}', null, true, '\\"'])), duplicated: false };
      }
      const size = Math.floor(random() * 4);
      const children = Array.from({ length: size }, () => generate(depth + 1));
      const duplicatedBelow = children.some((child) => child.duplicated);
      if (kind === 'array') {
        return { json: `[${children.map((child) => child.json).join(',')}]`, duplicated: duplicatedBelow };
      }
      const keys = children.map(() => pick(keyPool));
      const members = children.map((child, index) => `${encodeKey(keys[index])}:${child.json}`);
      return { json: `{${members.join(',')}}`, duplicated: duplicatedBelow || new Set(keys).size < keys.length };
    };

    let withDuplicates = 0;
    for (let round = 0; round < 1500; round += 1) {
      const { json, duplicated } = generate(0);
      expect(() => JSON.parse(json)).not.toThrow();
      expect(findDuplicateKey(json) !== undefined).toBe(duplicated);
      withDuplicates += duplicated ? 1 : 0;
    }
    // Both outcomes must actually be exercised.
    expect(withDuplicates).toBeGreaterThan(50);
    expect(withDuplicates).toBeLessThan(1400);
  });
});

describe('parseStrictJsonObject', () => {
  it('returns the object', () => {
    expect(parseStrictJsonObject('{"a":{"b":[1,2]}}', 'payload')).toEqual({ a: { b: [1, 2] } });
  });

  it.each([
    ['[1,2]', /not a JSON object/],
    ['null', /not a JSON object/],
    ['42', /not a JSON object/],
    ['"text"', /not a JSON object/],
    ['{"a":1', /not valid JSON/],
    ['', /not valid JSON/],
    ['{"a":1,"a":2}', /repeats a key/],
  ])('refuses %j as MALFORMED without quoting it', (text, reason) => {
    let error: unknown;
    try {
      parseStrictJsonObject(text, 'payload');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CryptoException);
    expect((error as CryptoException).code).toBe(CryptoErrorCode.MALFORMED);
    expect((error as CryptoException).message).toMatch(reason);
    expect((error as CryptoException).message).not.toContain('"a"');
  });
});
