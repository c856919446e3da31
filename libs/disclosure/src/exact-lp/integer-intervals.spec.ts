import { describe, expect, it } from '@jest/globals';
import { ExactSimplex } from './exact-simplex.js';
import type { LinearConstraint, LinearProblem } from './exact-simplex.js';
import { ArithmeticOverflow, bigintArithmetic, numberArithmetic } from './integer-arithmetic.js';
import type { IntegerArithmetic } from './integer-arithmetic.js';
import { InfeasibleSystemError, integerIntervals, pinnedVariables } from './integer-intervals.js';

/** Deterministic pseudo-random numbers (mulberry32) so failures reproduce. */
function randomSource(seed: number): (limit: number) => number {
  let state = seed >>> 0;
  return (limit) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296) * limit);
  };
}

function satisfies(constraint: LinearConstraint, point: readonly number[]): boolean {
  const total = constraint.variables.reduce((sum, variable, index) => sum + constraint.coefficients[index]! * point[variable]!, 0);
  return constraint.sense === 'eq'
    ? total === constraint.rhs
    : constraint.sense === 'le'
      ? total <= constraint.rhs
      : total >= constraint.rhs;
}

/** Every integer point of [0, box]^n that satisfies the system, enumerated. */
function bruteForceIntervals(problem: LinearProblem, box: number): { min: number; max: number }[] {
  const intervals = Array.from({ length: problem.variableCount }, () => ({ min: Infinity, max: -Infinity }));
  const point = new Array<number>(problem.variableCount).fill(0);
  const visit = (variable: number): void => {
    if (variable === problem.variableCount) {
      if (!problem.constraints.every((constraint) => satisfies(constraint, point))) return;
      point.forEach((value, index) => {
        intervals[index]!.min = Math.min(intervals[index]!.min, value);
        intervals[index]!.max = Math.max(intervals[index]!.max, value);
      });
      return;
    }
    for (let value = 0; value <= box; value++) {
      point[variable] = value;
      visit(variable + 1);
    }
  };
  visit(0);
  return intervals;
}

/** A random system that the integer point `truth` satisfies, with a cap on the sum so it stays bounded. */
function randomProblem(random: (limit: number) => number, variableCount: number, coefficientRange: number) {
  const truth = Array.from({ length: variableCount }, () => random(4));
  const constraints: LinearConstraint[] = [];
  const constraintCount = 1 + random(variableCount);
  for (let index = 0; index < constraintCount; index++) {
    const variables = Array.from({ length: variableCount }, (_, variable) => variable).filter(() => random(2) === 1);
    if (variables.length === 0) continue;
    const coefficients = variables.map(() => {
      const magnitude = 1 + random(coefficientRange);
      return random(3) === 0 ? -magnitude : magnitude;
    });
    const value = variables.reduce((sum, variable, at) => sum + coefficients[at]! * truth[variable]!, 0);
    const sense = (['eq', 'eq', 'le', 'ge'] as const)[random(4)]!;
    const slack = sense === 'eq' ? 0 : random(3);
    constraints.push({ variables, coefficients, sense, rhs: sense === 'ge' ? value - slack : value + slack });
  }
  const cap = truth.reduce((sum, value) => sum + value, 0) + random(3);
  constraints.push({
    variables: truth.map((_, variable) => variable),
    coefficients: truth.map(() => 1),
    sense: 'le',
    rhs: cap,
  });
  return { problem: { variableCount, constraints }, truth, cap };
}

describe('integerIntervals', () => {
  it('solves a two-way table with one published margin missing', () => {
    // x0 + x1 = 3, x2 + x3 = 4, x0 + x2 = 5: x0 in [1, 3].
    const problem: LinearProblem = {
      variableCount: 4,
      constraints: [
        { variables: [0, 1], coefficients: [1, 1], sense: 'eq', rhs: 3 },
        { variables: [2, 3], coefficients: [1, 1], sense: 'eq', rhs: 4 },
        { variables: [0, 2], coefficients: [1, 1], sense: 'eq', rhs: 5 },
      ],
    };
    expect(integerIntervals(problem)).toEqual([
      { min: 1, max: 3, exact: true },
      { min: 0, max: 2, exact: true },
      { min: 2, max: 4, exact: true },
      { min: 0, max: 2, exact: true },
    ]);
  });

  it('reports unbounded variables and free variables as [0, Infinity)', () => {
    const problem: LinearProblem = {
      variableCount: 3,
      constraints: [{ variables: [0, 1], coefficients: [1, -1], sense: 'eq', rhs: 2 }],
    };
    expect(integerIntervals(problem)).toEqual([
      { min: 2, max: Infinity, exact: true },
      { min: 0, max: Infinity, exact: true },
      { min: 0, max: Infinity, exact: true },
    ]);
  });

  it('takes integrality into account where the linear relaxation is wider', () => {
    // 2 x0 + 2 x1 = 4 and x0 - x1 <= 1: the LP lets x0 reach 1.5, integers stop at 1.
    const problem: LinearProblem = {
      variableCount: 2,
      constraints: [
        { variables: [0, 1], coefficients: [2, 2], sense: 'eq', rhs: 4 },
        { variables: [0, 1], coefficients: [1, -1], sense: 'le', rhs: 1 },
      ],
    };
    expect(integerIntervals(problem)).toEqual([
      { min: 0, max: 1, exact: true },
      { min: 1, max: 2, exact: true },
    ]);
  });

  it('rejects a system with no solution', () => {
    const problem: LinearProblem = {
      variableCount: 2,
      constraints: [
        { variables: [0, 1], coefficients: [1, 1], sense: 'eq', rhs: 1 },
        { variables: [0, 1], coefficients: [1, 1], sense: 'ge', rhs: 2 },
      ],
    };
    expect(() => integerIntervals(problem)).toThrow(InfeasibleSystemError);
  });

  it('agrees with brute-force enumeration on random systems (unit and general coefficients)', () => {
    const random = randomSource(20260705);
    for (let trial = 0; trial < 150; trial++) {
      const variableCount = 1 + random(4);
      const { problem, cap } = randomProblem(random, variableCount, trial % 2 === 0 ? 1 : 3);
      const expected = bruteForceIntervals(problem, cap);
      const actual = integerIntervals(problem);
      expect(actual.map(({ min, max }) => ({ min, max }))).toEqual(expected);
      expect(actual.every(({ exact }) => exact)).toBe(true);
    }
  });

  it('says a variable is pinned exactly when its integer interval is a single value', () => {
    const random = randomSource(99);
    let pinnedSeen = 0;
    for (let trial = 0; trial < 120; trial++) {
      const { problem, truth } = randomProblem(random, 1 + random(5), trial % 2 === 0 ? 1 : 3);
      const intervals = integerIntervals(problem);
      const pinned = pinnedVariables(problem, truth);
      expect(pinned).toEqual(intervals.map(({ min, max }) => min === max));
      pinnedSeen += pinned.filter(Boolean).length;
    }
    expect(pinnedSeen).toBeGreaterThan(20);
  });

  it('uses a known solution to prune without changing the bounds', () => {
    const random = randomSource(7);
    for (let trial = 0; trial < 40; trial++) {
      const { problem, truth } = randomProblem(random, 4, 2);
      expect(integerIntervals(problem, { knownSolution: truth })).toEqual(integerIntervals(problem));
    }
  });
});

describe('ExactSimplex', () => {
  const problem: LinearProblem = {
    variableCount: 3,
    constraints: [
      { variables: [0, 1, 2], coefficients: [1, 1, 1], sense: 'eq', rhs: 7 },
      { variables: [0, 1], coefficients: [3, -1], sense: 'ge', rhs: 2 },
    ],
  };

  function minimumOfFirst<T>(arithmetic: IntegerArithmetic<T>): { numerator: number; denominator: number } {
    const simplex = new ExactSimplex(problem, arithmetic);
    expect(simplex.findFeasibleBasis()).toBe(true);
    const outcome = simplex.optimise(0, 'min');
    if (outcome.kind !== 'optimal') throw new Error('expected an optimum');
    return { numerator: Number(outcome.value.numerator), denominator: Number(outcome.value.denominator) };
  }

  it('gives the same exact optimum in number and bigint arithmetic', () => {
    // min x0 = 2/3 (with x1 = 0): an exact fraction, not a float.
    for (const { numerator, denominator } of [minimumOfFirst(numberArithmetic), minimumOfFirst(bigintArithmetic)]) {
      expect(numerator * 3).toBe(denominator * 2);
    }
  });

  it('falls back to bigints when numbers would overflow, with the exact answer', () => {
    const huge = 2 ** 50;
    const system: LinearProblem = {
      variableCount: 3,
      constraints: [
        { variables: [0, 1, 2], coefficients: [1, 1, 1], sense: 'eq', rhs: huge },
        { variables: [0, 1], coefficients: [7919, -7907], sense: 'le', rhs: huge - 1 },
      ],
    };
    const simplex = new ExactSimplex(system, numberArithmetic);
    expect(() => {
      simplex.findFeasibleBasis();
      simplex.optimise(0, 'max');
    }).toThrow(ArithmeticOverflow);
    const intervals = integerIntervals(system);
    expect(intervals[2]).toEqual({ min: 0, max: huge, exact: true });
    // x0 <= (7907 * 2^50 + 2^50 - 1) / 15826 with x1 = 2^50 - x0, x2 = 0; checked in bigints.
    const expectedMax = (7908n * BigInt(huge) - 1n) / 15826n;
    expect(BigInt(intervals[0]!.max)).toBe(expectedMax);
  });

  it('adds a constraint to a solved tableau with the same result as solving from scratch', () => {
    const random = randomSource(4242);
    const value = (outcome: ReturnType<ExactSimplex<number>['optimise']>): string =>
      outcome.kind === 'unbounded' ? 'unbounded' : `${outcome.value.numerator / outcome.value.denominator}`;
    for (let trial = 0; trial < 60; trial++) {
      const { problem: base } = randomProblem(random, 2 + random(3), 2);
      const extra: LinearConstraint[] = Array.from({ length: 1 + random(2) }, () => ({
        variables: [random(base.variableCount)],
        coefficients: [1],
        sense: random(2) === 0 ? 'le' : 'ge',
        rhs: random(4),
      }));
      const warm = new ExactSimplex(base, numberArithmetic);
      expect(warm.findFeasibleBasis()).toBe(true);
      warm.optimise(0, 'max');
      const copy = warm.clone();
      const warmFeasible = extra.every((constraint) => copy.addConstraint(constraint));
      const cold = new ExactSimplex({ ...base, constraints: [...base.constraints, ...extra] }, numberArithmetic);
      expect(warmFeasible).toBe(cold.findFeasibleBasis());
      if (!warmFeasible) continue;
      for (let variable = 0; variable < base.variableCount; variable++) {
        for (const direction of ['min', 'max'] as const) {
          expect(value(copy.optimise(variable, direction))).toBe(value(cold.optimise(variable, direction)));
        }
      }
    }
  });
});
