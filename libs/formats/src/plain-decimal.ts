import { FormatsException, FormatsExceptionCode } from './formats.exception.js';

/**
 * Writes a number as a plain decimal (`0.0000123`, never `1.23e-5`): SDMX and spreadsheets read
 * decimals, not exponents. Uses JavaScript's shortest round-trip digits, so parsing gives the same number.
 */
export function toPlainDecimal(value: number): string {
  if (!Number.isFinite(value)) {
    throw new FormatsException(FormatsExceptionCode.INVALID_TABLE, `${value} cannot be written as a decimal`);
  }
  const text = String(value === 0 ? 0 : value); // also turns -0 into "0"
  const exponentAt = text.indexOf('e');
  if (exponentAt === -1) return text;

  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const pointAt = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const newPointAt = (pointAt === -1 ? mantissa.length : pointAt) + exponent;

  if (newPointAt <= 0) return `${sign}0.${'0'.repeat(-newPointAt)}${digits}`;
  if (newPointAt >= digits.length) return `${sign}${digits}${'0'.repeat(newPointAt - digits.length)}`;
  return `${sign}${digits.slice(0, newPointAt)}.${digits.slice(newPointAt)}`;
}
