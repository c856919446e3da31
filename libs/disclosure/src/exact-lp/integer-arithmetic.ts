/**
 * Exact integer arithmetic for the fraction-free simplex. Rows of the tableau hold integers only; a row is
 * updated as `row * f - g * pivotRow` and then divided by the gcd of its entries, so nothing is ever rounded.
 * Two implementations: JS numbers (fast, exact while every value stays below 2^53, otherwise they throw
 * `ArithmeticOverflow`) and bigints (unbounded, used when numbers overflow).
 */
export interface IntegerArithmetic<T> {
  readonly name: 'number' | 'bigint';
  readonly zero: T;
  readonly one: T;
  fromInteger(value: number): T;
  sign(value: T): -1 | 0 | 1;
  negate(value: T): T;
  add(left: T, right: T): T;
  multiply(left: T, right: T): T;
  /** -1, 0 or 1 as left compares with right. */
  compare(left: T, right: T): number;
  /** -1, 0 or 1 as a/b compares with c/d, for b > 0 and d > 0. */
  compareFractions(a: T, b: T, c: T, d: T): number;
  /**
   * `target := target * factor - multiple * pivot` (factor > 0), then divides `target` by the gcd of its
   * entries. `pivotNonZero` lists the columns where the pivot row is not zero: with factor 1, the common case
   * for count tables, only those change and the row needs no new reduction.
   */
  eliminate(target: T[], factor: T, multiple: T, pivot: readonly T[], pivotNonZero: readonly number[]): void;
  /** Divides every entry by the gcd of all entries (the sign is kept). */
  normalise(row: T[]): void;
  /** The exact quotient a/b as a number when b divides a (and it is safe), otherwise undefined. */
  integerQuotient(a: T, b: T): number | undefined;
  /** Floor and ceiling of a/b (b > 0) as numbers; the value must be below 2^53 in magnitude. */
  floorOf(a: T, b: T): number;
  ceilOf(a: T, b: T): number;
}

export class ArithmeticOverflow extends Error {
  constructor() {
    super('number arithmetic overflow in the exact simplex');
    this.name = 'ArithmeticOverflow';
  }
}

const SAFE = Number.MAX_SAFE_INTEGER;
// Module-level aliases: under jest's vm contexts every global lookup (Math, Number) goes through an
// interceptor, which made the pivot loops fifty times slower there.
const abs = Math.abs;
const floor = Math.floor;
const isSafeInteger = Number.isSafeInteger;

function gcdNumber(a: number, b: number): number {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}

function gcdBigint(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}

/** floor(a/b) for b > 0; the float quotient is only a first guess, corrected with exact products. */
function floorNumber(a: number, b: number): number {
  let quotient = floor(a / b);
  while (quotient * b > a) quotient -= 1;
  while ((quotient + 1) * b <= a) quotient += 1;
  return quotient;
}

export const numberArithmetic: IntegerArithmetic<number> = {
  name: 'number',
  zero: 0,
  one: 1,
  fromInteger(value) {
    if (!isSafeInteger(value)) throw new ArithmeticOverflow();
    return value;
  },
  sign: (value) => (value > 0 ? 1 : value < 0 ? -1 : 0),
  negate: (value) => (value === 0 ? 0 : -value),
  add(left, right) {
    const sum = left + right;
    if (!isSafeInteger(sum)) throw new ArithmeticOverflow();
    return sum;
  },
  multiply(left, right) {
    const product = left * right;
    if (!isSafeInteger(product)) throw new ArithmeticOverflow();
    return product === 0 ? 0 : product;
  },
  compare: (left, right) => (left < right ? -1 : left > right ? 1 : 0),
  compareFractions(a, b, c, d) {
    const left = a * d;
    const right = c * b;
    if (isSafeInteger(left) && isSafeInteger(right)) return left < right ? -1 : left > right ? 1 : 0;
    const exactLeft = BigInt(a) * BigInt(d);
    const exactRight = BigInt(c) * BigInt(b);
    return exactLeft < exactRight ? -1 : exactLeft > exactRight ? 1 : 0;
  },
  eliminate(target, factor, multiple, pivot, pivotNonZero) {
    // Every product and difference must be exact: a magnitude above 2^53 - 1 means it may not be.
    if (factor === 1) {
      for (const column of pivotNonZero) {
        const product = multiple * pivot[column]!;
        const value = target[column]! - product;
        if (!(abs(product) <= SAFE && abs(value) <= SAFE)) throw new ArithmeticOverflow();
        target[column] = value === 0 ? 0 : value;
      }
      return;
    }
    for (let column = 0; column < target.length; column++) {
      const scaled = target[column]! * factor;
      const pivotValue = pivot[column]!;
      const product = pivotValue === 0 ? 0 : multiple * pivotValue;
      const value = scaled - product;
      if (!(abs(scaled) <= SAFE && abs(product) <= SAFE && abs(value) <= SAFE)) throw new ArithmeticOverflow();
      target[column] = value === 0 ? 0 : value;
    }
    numberArithmetic.normalise(target);
  },
  normalise(row) {
    let divisor = 0;
    for (const value of row) {
      if (value !== 0) {
        divisor = gcdNumber(divisor, value);
        if (divisor === 1) return;
      }
    }
    if (divisor > 1) for (let column = 0; column < row.length; column++) row[column] = row[column]! / divisor;
  },
  integerQuotient(a, b) {
    return a % b === 0 ? a / b : undefined;
  },
  floorOf: floorNumber,
  ceilOf: (a, b) => -floorNumber(-a, b),
};

function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return quotient * b > a ? quotient - 1n : quotient;
}

function toSafeNumber(value: bigint): number {
  const result = Number(value);
  if (!isSafeInteger(result)) throw new ArithmeticOverflow();
  return result;
}

export const bigintArithmetic: IntegerArithmetic<bigint> = {
  name: 'bigint',
  zero: 0n,
  one: 1n,
  fromInteger: (value) => BigInt(value),
  sign: (value) => (value > 0n ? 1 : value < 0n ? -1 : 0),
  negate: (value) => -value,
  add: (left, right) => left + right,
  multiply: (left, right) => left * right,
  compare: (left, right) => (left < right ? -1 : left > right ? 1 : 0),
  compareFractions(a, b, c, d) {
    const left = a * d;
    const right = c * b;
    return left < right ? -1 : left > right ? 1 : 0;
  },
  eliminate(target, factor, multiple, pivot, pivotNonZero) {
    if (factor === 1n) {
      for (const column of pivotNonZero) target[column] = target[column]! - multiple * pivot[column]!;
      return;
    }
    for (let column = 0; column < target.length; column++) {
      target[column] = target[column]! * factor - multiple * pivot[column]!;
    }
    bigintArithmetic.normalise(target);
  },
  normalise(row) {
    let divisor = 0n;
    for (const value of row) {
      if (value !== 0n) {
        divisor = gcdBigint(divisor, value);
        if (divisor === 1n) return;
      }
    }
    if (divisor > 1n) for (let column = 0; column < row.length; column++) row[column] = row[column]! / divisor;
  },
  integerQuotient(a, b) {
    return a % b === 0n ? toSafeNumber(a / b) : undefined;
  },
  floorOf: (a, b) => toSafeNumber(floorDivide(a, b)),
  ceilOf: (a, b) => toSafeNumber(-floorDivide(-a, b)),
};
