import { describe, expect, it } from '@jest/globals';
import sodium from 'libsodium-wrappers';
import { DisclosureException } from '../disclosure.exception.js';
import { CELL_KEY_MODULUS, addCellKeys, cellKeyFrom, cellKeyOf, keyToUnitInterval, recordKey, subtractCellKeys } from './cell-key.js';

const secret = new Uint8Array(32).map((_, index) => index * 7 + 3);
const otherSecret = new Uint8Array(32).map((_, index) => index * 5 + 1);

describe('recordKey', () => {
  it('is the first 52 bits of keyed BLAKE2b of the pseudonym', async () => {
    await sodium.ready;
    const digest = sodium.crypto_generichash(16, sodium.from_string('p-000123'), secret);
    const first56 = [...digest.slice(0, 7)].reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
    expect(recordKey('p-000123', secret)).toBe(first56 >> 4n);
  });

  it('is deterministic, depends on pseudonym and secret, and stays below 2^52', () => {
    expect(recordKey('a', secret)).toBe(recordKey('a', secret));
    expect(recordKey('a', secret)).not.toBe(recordKey('b', secret));
    expect(recordKey('a', secret)).not.toBe(recordKey('a', otherSecret));
    for (let index = 0; index < 200; index++) {
      const key = recordKey(`person-${index}`, secret);
      expect(key >= 0n && key < CELL_KEY_MODULUS).toBe(true);
    }
  });

  it('spreads keys evenly over [0, 1)', () => {
    const values = Array.from({ length: 4000 }, (_, index) => keyToUnitInterval(recordKey(`x${index}`, secret)));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    const lowQuarter = values.filter((value) => value < 0.25).length / values.length;
    expect(Math.abs(lowQuarter - 0.25)).toBeLessThan(0.03);
  });

  it('rejects secrets libsodium cannot key with, without echoing the pseudonym', () => {
    expect(() => recordKey('secret-person', new Uint8Array(8))).toThrow(DisclosureException);
    try {
      recordKey('secret-person', new Uint8Array(8));
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('secret-person');
    }
  });
});

describe('cell keys', () => {
  const near = CELL_KEY_MODULUS - 5n;

  it('sums record keys modulo 2^52', () => {
    expect(cellKeyOf([])).toBe(0n);
    expect(cellKeyOf([1n, 2n, 3n])).toBe(6n);
    expect(cellKeyOf([near, 10n])).toBe(5n);
    expect(cellKeyOf([near, near, near])).toBe(CELL_KEY_MODULUS - 15n);
  });

  it('adds and subtracts like the union and removal of records', () => {
    const keys = [near, 123456789n, 42n, near - 1000n];
    const whole = cellKeyOf(keys);
    expect(addCellKeys(cellKeyOf(keys.slice(0, 2)), cellKeyOf(keys.slice(2)))).toBe(whole);
    expect(subtractCellKeys(whole, keys[0]!)).toBe(cellKeyOf(keys.slice(1)));
    expect(subtractCellKeys(5n, 10n)).toBe(CELL_KEY_MODULUS - 5n);
  });

  it('rejects keys outside [0, 2^52)', () => {
    expect(() => cellKeyOf([-1n])).toThrow(DisclosureException);
    expect(() => cellKeyOf([CELL_KEY_MODULUS])).toThrow(DisclosureException);
    expect(() => subtractCellKeys(CELL_KEY_MODULUS, 1n)).toThrow(DisclosureException);
  });

  it('reads SQL sums (decimal strings, possibly unreduced)', () => {
    expect(cellKeyFrom('42')).toBe(42n);
    expect(cellKeyFrom((CELL_KEY_MODULUS * 3n + 7n).toString())).toBe(7n);
    expect(cellKeyFrom(17)).toBe(17n);
    expect(() => cellKeyFrom('-3')).toThrow(DisclosureException);
    expect(() => cellKeyFrom('1.5')).toThrow(DisclosureException);
    expect(() => cellKeyFrom(0.5)).toThrow(DisclosureException);
  });
});
