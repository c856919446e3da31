import { describe, expect, it } from '@jest/globals';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import { PSEUDONYM_PATTERN, isPseudonym, pseudonymOf, pseudonymsOf } from './pseudonym.js';
import { secretKeyFromBytes, type PseudonymKey } from './secret-key.js';
import { sodium } from './sodium.js';

const sequentialKey = secretKeyFromBytes(
  'pseudonym',
  Uint8Array.from({ length: 32 }, (_, index) => index),
);

describe('pseudonymOf', () => {
  // Expected values computed independently with Python's hashlib.blake2b(message, key=bytes(range(32)), digest_size=32).
  it.each([
    ['person-42', 'KvgXZ6OKgMgEBaUntjcboeBDWj4TaQgwLEusppK2nhI'],
    ['Zoë Łódź 😀', 'cC_MBP7P95d9vsf_uS6MsF4k8n1NkVfGk50_qqPx50E'],
  ])('is keyed BLAKE2b-256 of the UTF-8 id as base64url (%s)', (personId, expected) => {
    expect(pseudonymOf(personId, sequentialKey)).toBe(expected);
  });

  it('is 43 base64url characters without padding', () => {
    const key = sodium.crypto_kdf_keygen() as PseudonymKey;
    for (let index = 0; index < 200; index += 1) {
      const pseudonym = pseudonymOf(`person-${index}`, key);
      expect(pseudonym).toMatch(PSEUDONYM_PATTERN);
      expect(isPseudonym(pseudonym)).toBe(true);
    }
  });

  it('is stable for a key and changes with the key', () => {
    const key = sodium.crypto_kdf_keygen() as PseudonymKey;
    const otherKey = sodium.crypto_kdf_keygen() as PseudonymKey;
    const personId = '5f0c6a1e-3c1b-4d57-9a51-0b8f5e0f7c2d';
    expect(pseudonymOf(personId, key)).toBe(pseudonymOf(personId, secretKeyFromBytes('pseudonym', key)));
    expect(pseudonymOf(personId, otherKey)).not.toBe(pseudonymOf(personId, key));
  });

  it('agrees with libsodium computed through its own string helpers', () => {
    const key = sodium.crypto_kdf_keygen() as PseudonymKey;
    for (const personId of ['a', 'node-AT/2026/000001', 'Ærøskøbing-ø', '\u{1F600}'.repeat(40)]) {
      const expected = sodium.to_base64(
        sodium.crypto_generichash(32, sodium.from_string(personId), key),
        sodium.base64_variants.URLSAFE_NO_PADDING,
      );
      expect(pseudonymOf(personId, key)).toBe(expected);
    }
  });

  it('gives 20 000 different ids 20 000 different pseudonyms', () => {
    const ids = Array.from({ length: 20_000 }, (_, index) => `person-${index}`);
    expect(new Set(pseudonymsOf(ids, sequentialKey)).size).toBe(ids.length);
  });

  it('refuses an empty person id and a key of the wrong size', () => {
    expect(() => pseudonymOf('', sequentialKey)).toThrow(CryptoException);
    expect(() => pseudonymOf('', sequentialKey)).toThrow(expect.objectContaining({ code: CryptoErrorCode.MALFORMED }));
    const shortKey = new Uint8Array(16) as PseudonymKey;
    expect(() => pseudonymOf('person-1', shortKey)).toThrow(/32 bytes/);
  });
});

describe('pseudonymsOf', () => {
  it('returns the same pseudonyms as pseudonymOf, in input order', () => {
    const ids = ['b', 'a', 'c', 'a'];
    expect(pseudonymsOf(ids, sequentialKey)).toEqual(ids.map((id) => pseudonymOf(id, sequentialKey)));
    expect(pseudonymsOf([], sequentialKey)).toEqual([]);
  });
});

describe('isPseudonym', () => {
  it.each([
    '',
    'KvgXZ6OKgMgEBaUntjcboeBDWj4TaQgwLEusppK2nh',
    'KvgXZ6OKgMgEBaUntjcboeBDWj4TaQgwLEusppK2nhI=',
    'KvgXZ6OKgMgEBaUntjcboeBDWj4TaQgwLEusppK2nh+',
  ])('refuses %j', (value) => {
    expect(isPseudonym(value)).toBe(false);
  });
});
