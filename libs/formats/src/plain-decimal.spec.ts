import { describe, expect, it } from '@jest/globals';
import { toPlainDecimal } from './plain-decimal.js';

describe('toPlainDecimal', () => {
  it('writes ordinary numbers as JavaScript does', () => {
    expect(toPlainDecimal(0)).toBe('0');
    expect(toPlainDecimal(-0)).toBe('0');
    expect(toPlainDecimal(41)).toBe('41');
    expect(toPlainDecimal(1.25)).toBe('1.25');
    expect(toPlainDecimal(0.000123)).toBe('0.000123');
  });

  it('never writes an exponent', () => {
    expect(toPlainDecimal(1e-7)).toBe('0.0000001');
    expect(toPlainDecimal(1.23e-7)).toBe('0.000000123');
    expect(toPlainDecimal(-4.5e-9)).toBe('-0.0000000045');
    expect(toPlainDecimal(1e21)).toBe('1000000000000000000000');
    expect(toPlainDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(toPlainDecimal(2.5e-324)).toMatch(/^0\.0{322,}\d+$/);
  });

  it('round-trips: parsing the text gives the same number', () => {
    // Deterministic spread of magnitudes from 1e-12 to 1e25 with varied mantissas.
    let state = 12345;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let index = 0; index < 2000; index += 1) {
      const value = next() * 10 ** Math.floor(next() * 37 - 12);
      const text = toPlainDecimal(value);
      expect(text).not.toMatch(/e/i);
      expect(Number(text)).toBe(value);
    }
  });

  it('refuses values that are not numbers', () => {
    expect(() => toPlainDecimal(Number.NaN)).toThrow(/cannot be written/);
    expect(() => toPlainDecimal(Number.POSITIVE_INFINITY)).toThrow(/cannot be written/);
  });
});
