import type { LinearConstraint, LinearProblem } from './exact-simplex.js';

/**
 * How an original variable is recovered from the reduced problem: x = sign * y[variable] + offset, or the
 * constant `offset` when `variable` is -1.
 */
export interface Substitution {
  readonly variable: number;
  readonly sign: 1 | -1;
  readonly offset: number;
}

export interface Presolved {
  readonly reduced: LinearProblem;
  /** The original variable behind each variable of the reduced problem. */
  readonly kept: readonly number[];
  /** One per original variable. */
  readonly substitutions: readonly Substitution[];
}

export class PresolveInfeasible extends Error {
  constructor() {
    super('the linear system has no non-negative integer solution');
    this.name = 'PresolveInfeasible';
  }
}

interface Expression {
  /** The variable this one is expressed in (itself when kept), or -1 for a constant. */
  base: number;
  sign: 1 | -1;
  offset: number;
}

/**
 * Removes variables fixed or tied by equations with one or two unknowns, as count tables have many of
 * (a margin with two suppressed cells: x_a + x_b = c). From `a x_p + b x_q = r` with a, b = +-1 it keeps
 * x_q = (r - a x_p) / b, which is integral whenever x_p is, and carries x_q >= 0 over as a bound on x_p.
 * The integer solutions of the reduced problem map one to one onto those of the original.
 */
export function presolve(problem: LinearProblem): Presolved {
  const expressions: Expression[] = Array.from({ length: problem.variableCount }, (_, variable) => ({
    base: variable,
    sign: 1,
    offset: 0,
  }));
  const resolve = (variable: number): Expression => {
    const expression = expressions[variable]!;
    if (expression.base === variable || expression.base < 0) return expression;
    const inner = resolve(expression.base);
    // x = s (s' y + t') + t: compose, and remember the result (path compression).
    const composed: Expression =
      inner.base < 0
        ? { base: -1, sign: 1, offset: noNegativeZero(expression.sign * inner.offset + expression.offset) }
        : {
            base: inner.base,
            sign: (expression.sign * inner.sign) as 1 | -1,
            offset: noNegativeZero(expression.sign * inner.offset + expression.offset),
          };
    expressions[variable] = composed;
    return composed;
  };
  const constraints: LinearConstraint[] = [...problem.constraints];

  for (let changed = true; changed;) {
    changed = false;
    for (const constraint of constraints) {
      if (constraint.sense !== 'eq') continue;
      const { terms, rhs } = rewrite(constraint, resolve);
      if (terms.length === 1) {
        const [variable, coefficient] = terms[0]!;
        if (rhs % coefficient !== 0 || rhs / coefficient < 0) throw new PresolveInfeasible();
        expressions[variable] = { base: -1, sign: 1, offset: noNegativeZero(rhs / coefficient) };
        changed = true;
      } else if (terms.length === 2 && terms.every(([, coefficient]) => Math.abs(coefficient) === 1)) {
        // Keep the lower-numbered variable, so the result does not depend on the order of discovery.
        const [[kept, keptCoefficient], [removed, removedCoefficient]] = terms as [[number, number], [number, number]];
        expressions[removed] = {
          base: kept,
          sign: (-keptCoefficient * removedCoefficient) as 1 | -1,
          offset: noNegativeZero(rhs * removedCoefficient),
        };
        // The removed variable's own x >= 0 now bounds the kept one.
        constraints.push({ variables: [removed], coefficients: [1], sense: 'ge', rhs: 0 });
        changed = true;
      }
    }
  }

  const kept: number[] = [];
  const newIndex = new Map<number, number>();
  for (let variable = 0; variable < problem.variableCount; variable++) {
    if (resolve(variable).base === variable) {
      newIndex.set(variable, kept.length);
      kept.push(variable);
    }
  }
  const reducedConstraints: LinearConstraint[] = [];
  const seen = new Set<string>();
  for (const constraint of constraints) {
    const { terms, rhs } = rewrite(constraint, resolve);
    if (terms.length === 0) {
      if (!holds(constraint.sense, 0, rhs)) throw new PresolveInfeasible();
      continue;
    }
    const reduced: LinearConstraint = {
      variables: terms.map(([variable]) => newIndex.get(variable)!),
      coefficients: terms.map(([, coefficient]) => coefficient),
      sense: constraint.sense,
      rhs,
    };
    const key = JSON.stringify(reduced);
    if (seen.has(key)) continue;
    seen.add(key);
    reducedConstraints.push(reduced);
  }
  return {
    reduced: { variableCount: kept.length, constraints: reducedConstraints },
    kept,
    substitutions: expressions.map((_, variable) => {
      const { base, sign, offset } = resolve(variable);
      return { variable: base < 0 ? -1 : newIndex.get(base)!, sign, offset };
    }),
  };
}

/** A constraint over the kept variables: terms sorted by variable, zero coefficients dropped, constants moved right. */
function rewrite(constraint: LinearConstraint, resolve: (variable: number) => Expression): { terms: [number, number][]; rhs: number } {
  const coefficients = new Map<number, number>();
  let rhs = constraint.rhs;
  constraint.variables.forEach((variable, index) => {
    const coefficient = constraint.coefficients[index]!;
    const { base, sign, offset } = resolve(variable);
    rhs -= coefficient * offset;
    if (base >= 0) coefficients.set(base, (coefficients.get(base) ?? 0) + coefficient * sign);
  });
  const terms = [...coefficients.entries()].filter(([, coefficient]) => coefficient !== 0).sort(([left], [right]) => left - right);
  return { terms, rhs: noNegativeZero(rhs) };
}

/** -0 arises from sign flips of 0; it is the same number but prints and compares (Object.is) differently. */
export function noNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}

function holds(sense: LinearConstraint['sense'], total: number, rhs: number): boolean {
  return sense === 'eq' ? total === rhs : sense === 'le' ? total <= rhs : total >= rhs;
}
