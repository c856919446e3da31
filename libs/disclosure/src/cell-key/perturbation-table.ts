import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { CELL_KEY_MODULUS_NUMBER } from './cell-key.js';

/**
 * Parameters of a count perturbation table, named after the `ptable` R package (sdcTools) and tau-argus:
 *
 * - `maximumDeviation` (D): no published count differs from the original by more than D.
 * - `variance` (V): the variance of the noise for every original count where the constraints allow it.
 *   Larger V protects more and distorts more; ABS and Destatis use values around 1 to 3.
 * - `blockedUpTo` (js): published values 1..js never occur, so a published 1 or 2 (with js = 2) cannot
 *   exist and small counts are never shown as such. 0 blocks nothing. Needs D > js: with D = js an original
 *   count of js + 1 could not move down (every lower target but 0 is blocked, and 0 is out of reach), so it
 *   would always be published exactly.
 *
 * The hub keeps its choice secret (an attacker who knows the table learns more from each value), so the
 * library ships no default, only `EXAMPLE_PERTURBATION_PARAMETERS` for tests and documentation.
 */
export interface PerturbationParameters {
  readonly maximumDeviation: number;
  readonly variance: number;
  readonly blockedUpTo: number;
}

/** The example of the ptable documentation (D = 5, V = 3, js = 2); for tests and demonstrations. */
export const EXAMPLE_PERTURBATION_PARAMETERS: PerturbationParameters = {
  maximumDeviation: 5,
  variance: 3,
  blockedUpTo: 2,
};

/**
 * How a row's variance relates to the configured V:
 * - `zero`: the row of original count 0, which always stays 0.
 * - `as-configured`: exactly V.
 * - `below-configured`: the most uniform (maximum-entropy) noise the row allows already has variance below V,
 *   because the row cannot go below zero (small original counts); ptable behaves the same.
 * - `above-configured`: the blocked values force more variance than V: an original count in 1..js must move
 *   at least to 0 or past js.
 */
export type VarianceStatus = 'zero' | 'as-configured' | 'below-configured' | 'above-configured';

export interface PerturbationEntry {
  /** v: the published value is original + v. */
  readonly deviation: number;
  /** Probability of v, exactly (upperKey - previous upperKey) / 2^52. */
  readonly probability: number;
  /** A cell key k (an integer in [0, 2^52)) selects the first entry with k < upperKey. */
  readonly upperKey: number;
}

export interface PerturbationRow {
  /** The original count i of this row; the last row serves every count from its own up. */
  readonly original: number;
  readonly entries: readonly PerturbationEntry[];
  /** Mean and variance of the row as used (after the probabilities are quantised to 2^-52). */
  readonly mean: number;
  readonly variance: number;
  readonly varianceStatus: VarianceStatus;
}

export interface PerturbationTable {
  readonly parameters: PerturbationParameters;
  /** Rows for original counts 0..D+js+1; from D+js+1 on, all noise values -D..D are possible. */
  readonly rows: readonly PerturbationRow[];
}

// Module-level aliases keep the bisection loops fast where global lookups are slow (jest's vm contexts).
const exp = Math.exp;
const abs = Math.abs;

function invalidParameters(message: string): never {
  throw new DisclosureException(DisclosureErrorCode.INVALID_PARAMETERS, message);
}

function validateParameters({ maximumDeviation, variance, blockedUpTo }: PerturbationParameters): void {
  if (!Number.isInteger(maximumDeviation) || maximumDeviation < 1 || maximumDeviation > 100) {
    invalidParameters('The maximum deviation D must be an integer from 1 to 100');
  }
  if (!Number.isFinite(variance) || variance <= 0) invalidParameters('The variance V must be a positive number');
  if (!Number.isInteger(blockedUpTo) || blockedUpTo < 0 || blockedUpTo >= maximumDeviation) {
    invalidParameters('The blocked range js must be an integer from 0 to D - 1');
  }
}

/**
 * Builds the perturbation table the way ptable does: for each original count i, the noise distribution of
 * maximum entropy over the allowed deviations (|v| <= D, i + v >= 0, i + v not in 1..js) with mean 0 and
 * variance at most V. That distribution has the form p(v) ~ exp(a v + b v^2); a and b are found by nested
 * bisection, which converges for every feasible row without the tuning a general optimiser needs.
 */
export function buildPerturbationTable(parameters: PerturbationParameters): PerturbationTable {
  validateParameters(parameters);
  const { maximumDeviation, blockedUpTo } = parameters;
  const lastOriginal = maximumDeviation + blockedUpTo + 1;
  const rows: PerturbationRow[] = [];
  for (let original = 0; original <= lastOriginal; original++) {
    const support = allowedDeviations(original, parameters);
    const { probabilities, status } =
      original === 0 ? { probabilities: [1], status: 'zero' as const } : maximumEntropyNoise(support, parameters.variance);
    rows.push(quantisedRow(original, support, probabilities, status));
  }
  return { parameters, rows };
}

/** The deviations a row may use: |v| <= D, i + v >= 0, i + v not in 1..js; and zero stays zero. */
export function allowedDeviations(original: number, { maximumDeviation, blockedUpTo }: PerturbationParameters): number[] {
  if (original === 0) return [0];
  const deviations: number[] = [];
  for (let deviation = -Math.min(original, maximumDeviation); deviation <= maximumDeviation; deviation++) {
    const published = original + deviation;
    if (published >= 1 && published <= blockedUpTo) continue;
    deviations.push(deviation);
  }
  return deviations;
}

/** The row that serves an original count. */
export function perturbationRowFor(table: PerturbationTable, original: number): PerturbationRow {
  return table.rows[Math.min(original, table.rows.length - 1)]!;
}

interface Moments {
  readonly probabilities: number[];
  readonly mean: number;
  readonly variance: number;
}

/** p(v) ~ exp(a v + b v^2), normalised with the largest exponent subtracted so nothing overflows. */
function tilted(support: readonly number[], a: number, b: number): Moments {
  const exponents = support.map((v) => a * v + b * v * v);
  const largest = Math.max(...exponents);
  const weights = exponents.map((exponent) => exp(exponent - largest));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const probabilities = weights.map((weight) => weight / total);
  return momentsOf(support, probabilities);
}

function momentsOf(support: readonly number[], probabilities: number[]): Moments {
  const mean = support.reduce((sum, v, index) => sum + v * probabilities[index]!, 0);
  const variance = support.reduce((sum, v, index) => sum + (v - mean) * (v - mean) * probabilities[index]!, 0);
  return { probabilities, mean, variance };
}

/**
 * Bisects an increasing function of x for its zero, to the last representable step. Callers guarantee a sign
 * change (the support has deviations on both sides of 0), so the bracket search ends.
 */
function bisectIncreasing(f: (x: number) => number, start: number): number {
  let low = -start;
  let high = start;
  while (f(low) > 0 && Number.isFinite(low)) low *= 2;
  while (f(high) < 0 && Number.isFinite(high)) high *= 2;
  for (let iteration = 0; iteration < 2000; iteration++) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high) break;
    if (f(middle) < 0) low = middle;
    else high = middle;
  }
  return abs(f(low)) < abs(f(high)) ? low : high;
}

/** For a given b, the a that makes the mean zero (the mean increases with a). */
function meanZero(support: readonly number[], b: number): Moments {
  const a = bisectIncreasing((candidate) => tilted(support, candidate, b).mean, 1);
  return tilted(support, a, b);
}

function maximumEntropyNoise(support: readonly number[], targetVariance: number): { probabilities: number[]; status: VarianceStatus } {
  // Validation (D > js) guarantees deviations on both sides of 0 for every row above 0.
  if (!support.some((v) => v < 0) || !support.some((v) => v > 0)) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_PARAMETERS, 'A row of the table has no room for mean-zero noise');
  }
  // With no variance constraint the maximum-entropy mean-zero noise has b = 0. If that is within V, it is the answer.
  const unconstrained = meanZero(support, 0);
  if (unconstrained.variance <= targetVariance) {
    const status = targetVariance - unconstrained.variance < 1e-12 ? 'as-configured' : 'below-configured';
    return { probabilities: unconstrained.probabilities, status };
  }
  // Otherwise the variance constraint binds: b < 0, down to the least variance a mean-zero row can have.
  const leastVariance = minimumVariance(support);
  if (targetVariance <= leastVariance.variance) {
    return { probabilities: leastVariance.probabilities, status: 'above-configured' };
  }
  // The variance of the mean-zero solution increases with b; bisect b in (-inf, 0) for variance V.
  let low = -1;
  while (meanZero(support, low).variance > targetVariance && Number.isFinite(low)) low *= 2;
  let high = 0;
  for (let iteration = 0; iteration < 2000; iteration++) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high) break;
    if (meanZero(support, middle).variance < targetVariance) low = middle;
    else high = middle;
  }
  const lower = meanZero(support, low);
  const upper = meanZero(support, high);
  const best = abs(lower.variance - targetVariance) < abs(upper.variance - targetVariance) ? lower : upper;
  return { probabilities: best.probabilities, status: 'as-configured' };
}

/**
 * The mean-zero distribution of least variance: all mass on 0 when 0 is allowed, otherwise on the two allowed
 * deviations nearest 0 on either side (-l and r, with probabilities r/(l+r) and l/(l+r), variance l*r).
 */
function minimumVariance(support: readonly number[]): Moments {
  const probabilities = support.map(() => 0);
  const zero = support.indexOf(0);
  if (zero >= 0) {
    probabilities[zero] = 1;
    return momentsOf(support, probabilities);
  }
  const right = support.findIndex((v) => v > 0);
  const left = right - 1;
  const l = -support[left]!;
  const r = support[right]!;
  probabilities[left] = r / (l + r);
  probabilities[right] = l / (l + r);
  return momentsOf(support, probabilities);
}

/**
 * Cumulative probabilities become integer key bounds out of 2^52, so that selecting a deviation from a cell
 * key is an exact integer comparison and gives the same answer on every machine. Deviations whose share
 * rounds to nothing are dropped.
 */
function quantisedRow(
  original: number,
  support: readonly number[],
  probabilities: readonly number[],
  status: VarianceStatus,
): PerturbationRow {
  const entries: PerturbationEntry[] = [];
  let cumulative = 0;
  let previousKey = 0;
  support.forEach((deviation, index) => {
    cumulative += probabilities[index]!;
    const upperKey =
      index === support.length - 1
        ? CELL_KEY_MODULUS_NUMBER
        : Math.min(Math.round(cumulative * CELL_KEY_MODULUS_NUMBER), CELL_KEY_MODULUS_NUMBER);
    if (upperKey > previousKey) {
      entries.push({ deviation, probability: (upperKey - previousKey) / CELL_KEY_MODULUS_NUMBER, upperKey });
      previousKey = upperKey;
    }
  });
  const moments = momentsOf(
    entries.map((entry) => entry.deviation),
    entries.map((entry) => entry.probability),
  );
  return { original, entries, mean: moments.mean, variance: moments.variance, varianceStatus: status };
}
