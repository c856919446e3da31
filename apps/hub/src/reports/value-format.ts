import { isRate, type Measure } from '../figures/measure.js';

/** A value as the page prints it: counts with thousands separators, rates with two decimals; a dash when null. */
export function formatValue(value: number | null, measure: Measure): string {
  if (value === null) return '–';
  return isRate(measure)
    ? value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : value.toLocaleString('en-GB', { maximumFractionDigits: 0 });
}

export interface Axis {
  readonly top: number;
  /** From 0 to `top`, evenly spaced. */
  readonly ticks: readonly number[];
}

/**
 * A round axis from 0 to at least `maximum`: the top is 1, 2, 2.5 or 5 times a power of ten, cut in 4 or 5 equal
 * steps. For counts the top is at least 5, so every step is a whole number of persons.
 */
export function niceAxis(maximum: number, wholeNumbers: boolean): Axis {
  const wanted = wholeNumbers ? Math.max(maximum, 5) : maximum > 0 ? maximum : 1;
  const power = 10 ** Math.floor(Math.log10(wanted));
  const mantissa = [1, 2, 2.5, 5, 10].find((step) => step * power >= wanted * (1 - 1e-12)) ?? 10;
  const top = mantissa * power;
  const intervals = mantissa === 2 ? 4 : 5;
  return { top, ticks: Array.from({ length: intervals + 1 }, (_, index) => (top * index) / intervals) };
}
