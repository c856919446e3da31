import { ExactSimplex } from './exact-simplex.js';
import type { Direction, ExactValue, LinearConstraint, LinearProblem } from './exact-simplex.js';
import { ArithmeticOverflow, bigintArithmetic, numberArithmetic } from './integer-arithmetic.js';
import type { IntegerArithmetic } from './integer-arithmetic.js';
import { PresolveInfeasible, noNegativeZero, presolve } from './presolve.js';
import type { Presolved } from './presolve.js';

/**
 * The range of one variable over all non-negative INTEGER solutions of a linear system. `max` is
 * `Infinity` when unbounded. `exact` is false only when the integer search hit its node limit; the bound given
 * is then the closest value not ruled out, so the interval still contains the true one.
 */
export interface IntegerInterval {
  readonly min: number;
  readonly max: number;
  readonly exact: boolean;
}

export interface IntegerIntervalOptions {
  /** A known integer solution (the true table, for an auditor): only used to prune, never to bound. */
  readonly knownSolution?: readonly number[];
  /** Search nodes allowed per integer question before giving up exactness. */
  readonly nodeLimit?: number;
  /**
   * Results per connected part, keyed by the part's constraints: a caller that solves a series of systems
   * differing in a few parts (secondary suppression, one round after another) recomputes only those.
   */
  readonly cache?: Map<string, readonly IntegerInterval[]>;
  /** Largest connected part solved; larger ones throw `SystemTooLargeError`. Unlimited by default. */
  readonly maxComponentSize?: number;
}

export interface PinnedOptions {
  /** Search nodes allowed per integer question; past it a variable counts as pinned (the safe answer). */
  readonly nodeLimit?: number;
  /** As for `integerIntervals`; keyed by constraints and known solution. */
  readonly cache?: Map<string, readonly boolean[]>;
  /** As for `integerIntervals`. */
  readonly maxComponentSize?: number;
}

/** A connected part has more variables than the caller allowed (the exact search would take too long). */
export class SystemTooLargeError extends Error {
  constructor(readonly variableCount: number) {
    super(`a connected part of the linear system has ${variableCount} variables`);
    this.name = 'SystemTooLargeError';
  }
}

export class InfeasibleSystemError extends Error {
  constructor() {
    super('the linear system has no non-negative solution');
    this.name = 'InfeasibleSystemError';
  }
}

const DEFAULT_NODE_LIMIT = 2000;

/**
 * Exact integer range of every variable of `problem` (all variables non-negative). Equations with one or two
 * unknowns are eliminated first (see `presolve`); variables that share no constraint are then solved apart;
 * each part runs in JS numbers and is redone in bigints if numbers overflow.
 */
export function integerIntervals(problem: LinearProblem, options: IntegerIntervalOptions = {}): IntegerInterval[] {
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  const { reduced, kept, substitutions } = presolved(problem);
  const intervals = byComponent(
    reduced,
    options.knownSolution && kept.map((variable) => options.knownSolution![variable]!),
    { min: 0, max: Number.POSITIVE_INFINITY, exact: true },
    options.cache,
    options.maxComponentSize,
    (local) => JSON.stringify(local.constraints),
    (local, arithmetic, known) => componentIntervals(local, arithmetic, { nodeLimit, knownSolution: known }),
  );
  return substitutions.map(({ variable, sign, offset }) => {
    if (variable < 0) return { min: offset, max: offset, exact: true };
    const { min, max, exact } = intervals[variable]!;
    return sign === 1
      ? { min: noNegativeZero(min + offset), max: noNegativeZero(max + offset), exact }
      : { min: noNegativeZero(offset - max), max: noNegativeZero(offset - min), exact };
  });
}

/**
 * Which variables every non-negative integer solution gives the value they have in `knownSolution`: the
 * question secondary suppression asks, much cheaper than full intervals because any other solution found on
 * the way settles every variable it moves.
 */
export function pinnedVariables(problem: LinearProblem, knownSolution: readonly number[], options: PinnedOptions = {}): boolean[] {
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  const { reduced, kept, substitutions } = presolved(problem);
  const pinned = byComponent(
    reduced,
    kept.map((variable) => knownSolution[variable]!),
    false,
    options.cache,
    options.maxComponentSize,
    (local, known) => JSON.stringify([local.constraints, known]),
    (local, arithmetic, known) => componentPinned(local, arithmetic, known!, nodeLimit),
  );
  // A variable tied to another moves exactly when that one does; a fixed one never moves.
  return substitutions.map(({ variable }) => variable < 0 || pinned[variable]!);
}

/**
 * The variables the presolve alone fixes (through chains of equations with one or two unknowns): a cheap
 * subset of the pinned ones, enough to drive most rounds of secondary suppression.
 */
export function variablesFixedByPresolve(problem: LinearProblem): boolean[] {
  return presolved(problem).substitutions.map(({ variable }) => variable < 0);
}

function presolved(problem: LinearProblem): Presolved {
  try {
    return presolve(problem);
  } catch (error) {
    if (error instanceof PresolveInfeasible) throw new InfeasibleSystemError();
    throw error;
  }
}

/** A solver for one connected part, written once for both arithmetics. */
type ComponentSolver<R> = <T>(local: LinearProblem, arithmetic: IntegerArithmetic<T>, known: readonly number[] | undefined) => R[];

function byComponent<R>(
  problem: LinearProblem,
  knownSolution: readonly number[] | undefined,
  unconstrained: R,
  cache: Map<string, readonly R[]> | undefined,
  maxComponentSize: number | undefined,
  keyOf: (local: LinearProblem, known: readonly number[] | undefined) => string,
  solve: ComponentSolver<R>,
): R[] {
  const results = new Array<R>(problem.variableCount).fill(unconstrained);
  const components = connectedComponents(problem);
  // Refuse before any work rather than after part of it.
  for (const { variables } of components) {
    if (maxComponentSize !== undefined && variables.length > maxComponentSize) throw new SystemTooLargeError(variables.length);
  }
  for (const component of components) {
    const local = localProblem(problem, component);
    const known = knownSolution && component.variables.map((variable) => knownSolution[variable]!);
    const key = cache && keyOf(local, known);
    let result = key === undefined ? undefined : cache!.get(key);
    if (!result) {
      try {
        result = solve(local, numberArithmetic, known);
      } catch (error) {
        if (!(error instanceof ArithmeticOverflow)) throw error;
        result = solve(local, bigintArithmetic, known);
      }
      if (key !== undefined) cache!.set(key, result);
    }
    component.variables.forEach((variable, index) => (results[variable] = result[index]!));
  }
  return results;
}

interface Component {
  readonly variables: number[];
  readonly constraints: number[];
}

function connectedComponents(problem: LinearProblem): Component[] {
  const parent = Array.from({ length: problem.variableCount }, (_, index) => index);
  const find = (variable: number): number => {
    let root = variable;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[variable] !== root) {
      const next = parent[variable]!;
      parent[variable] = root;
      variable = next;
    }
    return root;
  };
  for (const constraint of problem.constraints) {
    const [first, ...rest] = constraint.variables;
    if (first === undefined) continue;
    for (const other of rest) parent[find(other)] = find(first);
  }
  const byRoot = new Map<number, Component>();
  const used = new Set<number>(problem.constraints.flatMap((constraint) => constraint.variables));
  for (let variable = 0; variable < problem.variableCount; variable++) {
    if (!used.has(variable)) continue;
    const root = find(variable);
    let component = byRoot.get(root);
    if (!component) byRoot.set(root, (component = { variables: [], constraints: [] }));
    component.variables.push(variable);
  }
  problem.constraints.forEach((constraint, index) => {
    const first = constraint.variables[0];
    if (first === undefined) {
      if (!constantConstraintHolds(constraint)) throw new InfeasibleSystemError();
      return;
    }
    byRoot.get(find(first))!.constraints.push(index);
  });
  return [...byRoot.values()];
}

function constantConstraintHolds({ sense, rhs }: LinearConstraint): boolean {
  return sense === 'eq' ? rhs === 0 : sense === 'le' ? rhs >= 0 : rhs <= 0;
}

function localProblem(problem: LinearProblem, component: Component): LinearProblem {
  const localIndex = new Map(component.variables.map((variable, index) => [variable, index]));
  return {
    variableCount: component.variables.length,
    constraints: component.constraints.map((index) => {
      const constraint = problem.constraints[index]!;
      return { ...constraint, variables: constraint.variables.map((variable) => localIndex.get(variable)!) };
    }),
  };
}

interface ComponentOptions {
  readonly nodeLimit: number;
  readonly knownSolution: readonly number[] | undefined;
}

/**
 * Bounds of every variable of one connected system. Integer solutions met along the way (vertices that happen
 * to be integral, and the known solution) are remembered: a variable seen at 0, or at its simple upper bound,
 * needs no optimisation for that side.
 */
function componentIntervals<T>(problem: LinearProblem, arithmetic: IntegerArithmetic<T>, options: ComponentOptions): IntegerInterval[] {
  const simplex = new ExactSimplex(problem, arithmetic);
  if (!simplex.findFeasibleBasis()) throw new InfeasibleSystemError();
  const count = problem.variableCount;
  const seenMin = new Array<number>(count).fill(Number.POSITIVE_INFINITY);
  const seenMax = new Array<number>(count).fill(Number.NEGATIVE_INFINITY);
  const remember = (solution: readonly number[]): void => {
    solution.forEach((value, variable) => {
      if (value < seenMin[variable]!) seenMin[variable] = value;
      if (value > seenMax[variable]!) seenMax[variable] = value;
    });
  };
  if (options.knownSolution) remember(options.knownSolution);
  const rememberVertex = (): void => {
    const integral = integralSolution(arithmetic, simplex.solution());
    if (integral) remember(integral);
  };
  rememberVertex();
  probeExtremes(simplex, problem.variableCount, rememberVertex);
  const upper = simpleUpperBounds(problem);

  const bound = (variable: number, direction: Direction): { value: number; exact: boolean } => {
    const outcome = simplex.optimise(variable, direction);
    if (outcome.kind === 'unbounded') return { value: Number.POSITIVE_INFINITY, exact: true };
    const vertex = integralSolution(arithmetic, simplex.solution());
    if (vertex) {
      remember(vertex);
      return { value: vertex[variable]!, exact: true };
    }
    const incumbent = direction === 'min' ? seenMin[variable]! : seenMax[variable]!;
    return integerOptimum(simplex, arithmetic, variable, direction, outcome.value, incumbent, options.nodeLimit, remember);
  };

  return Array.from({ length: count }, (_, variable) => {
    const min = seenMin[variable] === 0 ? { value: 0, exact: true } : bound(variable, 'min');
    const max = seenMax[variable] === upper[variable] ? { value: upper[variable]!, exact: true } : bound(variable, 'max');
    return { min: min.value, max: max.value, exact: min.exact && max.exact };
  });
}

/**
 * The vertices that minimise and maximise the sum of all variables: between them they put many variables at
 * 0 or at their largest values, which settles those bounds without an optimisation each.
 */
function probeExtremes<T>(simplex: ExactSimplex<T>, count: number, rememberVertex: () => void): void {
  const all = Array.from({ length: count }, (_, variable) => variable);
  const ones = all.map(() => 1);
  for (const direction of ['min', 'max'] as const) {
    simplex.optimiseLinear(all, ones, direction);
    rememberVertex();
  }
}

/** Pinned-ness of every variable of one connected system, given one integer solution `known`. */
function componentPinned<T>(
  problem: LinearProblem,
  arithmetic: IntegerArithmetic<T>,
  known: readonly number[],
  nodeLimit: number,
): boolean[] {
  const simplex = new ExactSimplex(problem, arithmetic);
  if (!simplex.findFeasibleBasis()) throw new InfeasibleSystemError();
  const moved = new Array<boolean>(problem.variableCount).fill(false);
  const remember = (solution: readonly number[]): void => {
    solution.forEach((value, variable) => {
      if (value !== known[variable]) moved[variable] = true;
    });
  };
  const rememberVertex = (): void => {
    const integral = integralSolution(arithmetic, simplex.solution());
    if (integral) remember(integral);
  };
  rememberVertex();
  probeExtremes(simplex, problem.variableCount, rememberVertex);
  for (let variable = 0; variable < problem.variableCount; variable++) {
    for (const direction of ['max', 'min'] as const) {
      if (moved[variable]) break;
      const outcome = simplex.optimise(variable, direction);
      if (outcome.kind === 'unbounded') {
        moved[variable] = true;
        break;
      }
      rememberVertex();
      if (moved[variable]) break;
      // The LP cannot pass the known value this way: neither can an integer solution.
      const { numerator, denominator } = outcome.value;
      if (arithmetic.compareFractions(numerator, denominator, arithmetic.fromInteger(known[variable]!), arithmetic.one) === 0) continue;
      // A fractional vertex beyond the known value: ask branch and bound for an integer one (it records it).
      // If it runs out of budget the variable stays unmoved, i.e. counted as pinned.
      const target = direction === 'max' ? known[variable]! + 1 : known[variable]! - 1;
      reachable(simplex, arithmetic, variable, direction, target, nodeLimit, remember);
    }
  }
  return moved.map((wasMoved) => !wasMoved);
}

function integralSolution<T>(arithmetic: IntegerArithmetic<T>, values: readonly ExactValue<T>[]): number[] | undefined {
  const result: number[] = [];
  for (const { numerator, denominator } of values) {
    const quotient = arithmetic.integerQuotient(numerator, denominator);
    if (quotient === undefined) return undefined;
    result.push(quotient);
  }
  return result;
}

/** x_j <= rhs / a_j from every constraint whose coefficients are all positive and that caps from above. */
function simpleUpperBounds(problem: LinearProblem): number[] {
  const upper = new Array<number>(problem.variableCount).fill(Number.POSITIVE_INFINITY);
  for (const constraint of problem.constraints) {
    if (constraint.sense === 'ge' || !constraint.coefficients.every((coefficient) => coefficient > 0)) continue;
    constraint.variables.forEach((variable, index) => {
      const cap = Math.floor(constraint.rhs / constraint.coefficients[index]!);
      if (cap < upper[variable]!) upper[variable] = cap;
    });
  }
  return upper;
}

/**
 * Integer optimum of one variable when the LP optimum (`lpValue`, at the current vertex of `root`) is
 * fractional. The LP value rounded inwards bounds it; usually an integer solution reaches that bound, so the
 * search asks "is this target reachable?" from the bound inwards, stopping at the first yes or at the best
 * integer value already seen (`incumbent`, or +-Infinity). `exact` is false when a search ran out of budget:
 * the value is then the last target not ruled out, a bound that contains the true optimum.
 */
function integerOptimum<T>(
  root: ExactSimplex<T>,
  arithmetic: IntegerArithmetic<T>,
  variable: number,
  direction: Direction,
  lpValue: ExactValue<T>,
  incumbent: number,
  nodeLimit: number,
  remember: (solution: readonly number[]) => void,
): { value: number; exact: boolean } {
  const isMin = direction === 'min';
  let target = isMin
    ? arithmetic.ceilOf(lpValue.numerator, lpValue.denominator)
    : arithmetic.floorOf(lpValue.numerator, lpValue.denominator);
  const step = isMin ? 1 : -1;
  for (;;) {
    if (target === incumbent) return { value: target, exact: true };
    const answer = reachable(root, arithmetic, variable, direction, target, nodeLimit, remember);
    if (answer === 'yes') return { value: target, exact: true };
    if (answer === 'unknown') return { value: target, exact: false };
    if (!Number.isFinite(incumbent) && Math.abs(target) > Number.MAX_SAFE_INTEGER) throw new InfeasibleSystemError();
    target += step;
  }
}

/**
 * Is there a non-negative integer solution with `variable` at `target` or beyond it in `direction`?
 * Depth-first branch and bound on a copy of the root tableau with that bound added; each child copies its
 * parent's solved tableau and adds one branching bound, the child rounded towards `direction` first. The first
 * integer solution found ends the search (and is remembered). 'unknown' when the node budget runs out.
 */
function reachable<T>(
  root: ExactSimplex<T>,
  arithmetic: IntegerArithmetic<T>,
  variable: number,
  direction: Direction,
  target: number,
  nodeLimit: number,
  remember: (solution: readonly number[]) => void,
): 'yes' | 'no' | 'unknown' {
  const isMin = direction === 'min';
  if (isMin && target < 0) return 'no';
  const first = root.clone();
  if (!first.addConstraint({ variables: [variable], coefficients: [1], sense: isMin ? 'le' : 'ge', rhs: target })) return 'no';
  const stack: ExactSimplex<T>[] = [first];
  let nodes = 0;
  while (stack.length > 0) {
    if (++nodes > nodeLimit) return 'unknown';
    const node = stack.pop()!;
    if (node.optimise(variable, direction).kind === 'unbounded') return 'yes';
    const values = node.solution();
    const integral = integralSolution(arithmetic, values);
    if (integral) {
      remember(integral);
      return 'yes';
    }
    const branching = values.findIndex(({ numerator, denominator }) => arithmetic.integerQuotient(numerator, denominator) === undefined);
    const below = arithmetic.floorOf(values[branching]!.numerator, values[branching]!.denominator);
    const down = node.clone();
    const up = node;
    const children: ExactSimplex<T>[] = [];
    if (down.addConstraint({ variables: [branching], coefficients: [1], sense: 'le', rhs: below })) children.push(down);
    if (up.addConstraint({ variables: [branching], coefficients: [1], sense: 'ge', rhs: below + 1 })) children.push(up);
    // The last pushed is explored first: rounding towards the optimised direction tends to succeed sooner.
    stack.push(...(isMin ? children.reverse() : children));
  }
  return 'no';
}
