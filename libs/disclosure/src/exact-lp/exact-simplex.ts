import type { IntegerArithmetic } from './integer-arithmetic.js';

export type ConstraintSense = 'eq' | 'le' | 'ge';

/** `sum(coefficients[k] * x[variables[k]]) <sense> rhs`, integers only. */
export interface LinearConstraint {
  readonly variables: readonly number[];
  readonly coefficients: readonly number[];
  readonly sense: ConstraintSense;
  readonly rhs: number;
}

/** Variables `x[0..variableCount)` are all non-negative. */
export interface LinearProblem {
  readonly variableCount: number;
  readonly constraints: readonly LinearConstraint[];
}

export type Direction = 'min' | 'max';

/** An exact rational `numerator / denominator` with a positive denominator. */
export interface ExactValue<T> {
  readonly numerator: T;
  readonly denominator: T;
}

export type OptimiseOutcome<T> = { readonly kind: 'optimal'; readonly value: ExactValue<T> } | { readonly kind: 'unbounded' };

// Row layout: [scale, rhs, column 0, column 1, ...]. Constraint rows keep scale 0 (their basic variable's own
// coefficient is their denominator); the objective row keeps its denominator in the scale slot.
const SCALE = 0;
const RHS = 1;
const FIRST_COLUMN = 2;
// After this many pivots in a row that do not move the vertex, switch from Dantzig's rule to Bland's,
// which cannot cycle.
const DEGENERATE_PIVOTS_BEFORE_BLAND = 50;

/**
 * A primal simplex over exact integers (fraction-free tableau with gcd-reduced rows), two phases, with the
 * feasible basis kept between objectives so that many bounds over one system are cheap.
 */
export class ExactSimplex<T> {
  private rows: T[][] = [];
  private basis: number[] = [];
  private columnCount: number;
  private readonly structuralCount: number;
  private artificialStart: number;
  private objective: T[] | undefined;
  private feasible: boolean | undefined;

  constructor(
    problem: LinearProblem,
    private readonly arithmetic: IntegerArithmetic<T>,
  ) {
    const { zero, one } = arithmetic;
    this.structuralCount = problem.variableCount;
    // A constraint is stored with rhs >= 0; a '>=' with rhs 0 is stored as '<=' so its slack can start basic.
    const normalised = problem.constraints.map((constraint) => {
      const flip = constraint.rhs < 0 || (constraint.rhs === 0 && constraint.sense === 'ge');
      const sense: ConstraintSense = !flip ? constraint.sense : constraint.sense === 'le' ? 'ge' : constraint.sense === 'ge' ? 'le' : 'eq';
      const sign = flip ? -1 : 1;
      return { constraint, sense, sign };
    });
    const slackCount = normalised.filter(({ sense }) => sense !== 'eq').length;
    const artificialCount = normalised.filter(({ sense }) => sense !== 'le').length;
    this.artificialStart = this.structuralCount + slackCount;
    this.columnCount = this.artificialStart + artificialCount;
    let slack = this.structuralCount;
    let artificial = this.artificialStart;
    for (const { constraint, sense, sign } of normalised) {
      const row = new Array<T>(FIRST_COLUMN + this.columnCount).fill(zero);
      row[RHS] = arithmetic.fromInteger(sign * constraint.rhs);
      // A variable listed twice in one constraint has its coefficients added up.
      const coefficientOf = new Map<number, number>();
      constraint.variables.forEach((variable, index) => {
        coefficientOf.set(variable, (coefficientOf.get(variable) ?? 0) + constraint.coefficients[index]!);
      });
      for (const [variable, coefficient] of coefficientOf) {
        row[FIRST_COLUMN + variable] = arithmetic.fromInteger(sign * coefficient);
      }
      if (sense === 'le') {
        row[FIRST_COLUMN + slack] = one;
        this.basis.push(slack++);
      } else {
        if (sense === 'ge') row[FIRST_COLUMN + slack++] = arithmetic.negate(one);
        row[FIRST_COLUMN + artificial] = one;
        this.basis.push(artificial++);
      }
      this.rows.push(row);
    }
  }

  /** An independent copy of the current tableau and basis (warm start for a branch-and-bound node). */
  clone(): ExactSimplex<T> {
    const copy = Object.create(ExactSimplex.prototype) as ExactSimplex<T>;
    Object.assign(copy, this, {
      rows: this.rows.map((row) => [...row]),
      basis: [...this.basis],
      objective: undefined,
    });
    return copy;
  }

  /**
   * Adds one more constraint to a system that has a feasible basis, and restores feasibility from the current
   * basis (a phase 1 with a single artificial, usually a few pivots). False when the system becomes infeasible.
   */
  addConstraint(constraint: LinearConstraint): boolean {
    if (!this.findFeasibleBasis()) return false;
    const { arithmetic } = this;
    const { zero, one } = arithmetic;
    const slackColumn = FIRST_COLUMN + this.columnCount;
    const width = slackColumn + (constraint.sense === 'eq' ? 0 : 1);
    for (const existing of this.rows) while (existing.length < width) existing.push(zero);
    const row = new Array<T>(width).fill(zero);
    row[RHS] = arithmetic.fromInteger(constraint.rhs);
    constraint.variables.forEach((variable, index) => {
      row[FIRST_COLUMN + variable] = arithmetic.add(row[FIRST_COLUMN + variable]!, arithmetic.fromInteger(constraint.coefficients[index]!));
    });
    if (constraint.sense !== 'eq') row[slackColumn] = constraint.sense === 'le' ? one : arithmetic.negate(one);
    // Express the new row in the non-basic variables: eliminate every basic variable it mentions.
    this.rows.forEach((basicRow, index) => {
      const column = FIRST_COLUMN + this.basis[index]!;
      const multiple = row[column]!;
      if (multiple === zero) return;
      const nonZero: number[] = [];
      basicRow.forEach((value, position) => value !== zero && nonZero.push(position));
      arithmetic.eliminate(row, basicRow[column]!, multiple, basicRow, nonZero);
    });
    if (constraint.sense !== 'eq') {
      this.columnCount += 1;
      // The slack's value at the current vertex is rhs / (its coefficient): if that is >= 0 the slack can be basic.
      const slack = row[slackColumn]!;
      if (arithmetic.sign(row[RHS]!) === 0 || arithmetic.sign(row[RHS]!) === arithmetic.sign(slack)) {
        if (arithmetic.sign(slack) < 0) for (let column = 0; column < row.length; column++) row[column] = arithmetic.negate(row[column]!);
        this.rows.push(row);
        this.basis.push(this.columnCount - 1);
        this.artificialStart = this.columnCount;
        return true;
      }
    }
    // Otherwise an artificial variable starts basic, and phase 1 drives it to zero from the current basis.
    if (arithmetic.sign(row[RHS]!) < 0) for (let column = 0; column < row.length; column++) row[column] = arithmetic.negate(row[column]!);
    for (const existing of this.rows) existing.push(zero);
    row.push(one);
    const artificial = this.columnCount;
    this.artificialStart = artificial;
    this.columnCount += 1;
    this.rows.push(row);
    this.basis.push(artificial);
    const objective = [...row];
    objective[SCALE] = one;
    objective[FIRST_COLUMN + artificial] = zero;
    this.objective = objective;
    this.run(artificial);
    const feasible = arithmetic.sign(objective[RHS]!) === 0;
    this.objective = undefined;
    if (!feasible) {
      this.feasible = false;
      return false;
    }
    this.dropArtificialColumns();
    return true;
  }

  /** Finds a feasible basis (phase 1) and drops the artificial columns; false when the system has no solution. */
  findFeasibleBasis(): boolean {
    if (this.feasible !== undefined) return this.feasible;
    const { arithmetic } = this;
    const width = FIRST_COLUMN + this.columnCount;
    const objective = new Array<T>(width).fill(arithmetic.zero);
    objective[SCALE] = arithmetic.one;
    this.rows.forEach((row, index) => {
      if (this.basis[index]! < this.artificialStart) return;
      for (let column = RHS; column < FIRST_COLUMN + this.artificialStart; column++) {
        objective[column] = arithmetic.add(objective[column]!, row[column]!);
      }
    });
    this.objective = objective;
    this.run(this.artificialStart);
    this.feasible = arithmetic.sign(this.objective[RHS]!) === 0;
    if (this.feasible) this.dropArtificialColumns();
    this.objective = undefined;
    return this.feasible;
  }

  /** Minimises or maximises one variable from the current feasible basis. */
  optimise(variable: number, direction: Direction): OptimiseOutcome<T> {
    return this.optimiseLinear([variable], [1], direction);
  }

  /** Minimises or maximises `sum(coefficients[k] * x[variables[k]])` from the current feasible basis. */
  optimiseLinear(variables: readonly number[], coefficients: readonly number[], direction: Direction): OptimiseOutcome<T> {
    if (!this.findFeasibleBasis()) throw new Error('optimise called on an infeasible system');
    const { arithmetic } = this;
    const { zero } = arithmetic;
    // Minimise sign * f. Objective row: scale * (sign * f) + sum(Z_k x_k) = Z_rhs, so Z_k starts at -sign * c_k.
    const sign = direction === 'min' ? 1 : -1;
    const objective = new Array<T>(FIRST_COLUMN + this.columnCount).fill(zero);
    objective[SCALE] = arithmetic.one;
    variables.forEach((variable, index) => {
      const column = FIRST_COLUMN + variable;
      objective[column] = arithmetic.add(objective[column]!, arithmetic.fromInteger(-sign * coefficients[index]!));
    });
    // Then the basic columns are eliminated, as in a pivot.
    this.rows.forEach((row, index) => {
      const column = FIRST_COLUMN + this.basis[index]!;
      const multiple = objective[column]!;
      if (multiple === zero) return;
      const nonZero: number[] = [];
      row.forEach((value, position) => value !== zero && nonZero.push(position));
      arithmetic.eliminate(objective, row[column]!, multiple, row, nonZero);
    });
    this.objective = objective;
    const bounded = this.run(this.columnCount);
    this.objective = undefined;
    if (!bounded) return { kind: 'unbounded' };
    const numerator = direction === 'min' ? objective[RHS]! : arithmetic.negate(objective[RHS]!);
    return { kind: 'optimal', value: { numerator, denominator: objective[SCALE]! } };
  }

  /** The current basic solution, one exact value per structural variable. */
  solution(): ExactValue<T>[] {
    const { arithmetic } = this;
    const values: ExactValue<T>[] = Array.from({ length: this.structuralCount }, () => ({
      numerator: arithmetic.zero,
      denominator: arithmetic.one,
    }));
    this.rows.forEach((row, index) => {
      const variable = this.basis[index]!;
      if (variable < this.structuralCount) {
        values[variable] = { numerator: row[RHS]!, denominator: row[FIRST_COLUMN + variable]! };
      }
    });
    return values;
  }

  /**
   * Pivots until no column below `enteringLimit` improves the objective. Returns false when the objective
   * is unbounded below.
   */
  private run(enteringLimit: number): boolean {
    const { arithmetic } = this;
    const objective = this.objective!;
    let degenerateRun = 0;
    for (;;) {
      const bland = degenerateRun >= DEGENERATE_PIVOTS_BEFORE_BLAND;
      const entering = this.chooseEntering(objective, enteringLimit, bland);
      if (entering < 0) return true;
      const leaving = this.chooseLeaving(FIRST_COLUMN + entering);
      if (leaving < 0) return false;
      degenerateRun = arithmetic.sign(this.rows[leaving]![RHS]!) === 0 ? degenerateRun + 1 : 0;
      this.pivot(leaving, entering);
    }
  }

  /** Improving columns have a positive objective-row entry (the reduced cost is its negation). */
  private chooseEntering(objective: readonly T[], enteringLimit: number, bland: boolean): number {
    const { arithmetic } = this;
    let best = -1;
    for (let variable = 0; variable < enteringLimit; variable++) {
      const value = objective[FIRST_COLUMN + variable]!;
      if (arithmetic.sign(value) <= 0) continue;
      if (bland) return variable;
      if (best < 0 || arithmetic.compare(objective[FIRST_COLUMN + best]!, value) < 0) best = variable;
    }
    return best;
  }

  /** Minimum ratio test; ties go to the smallest basic variable (Bland), which also keeps runs deterministic. */
  private chooseLeaving(column: number): number {
    const { arithmetic } = this;
    let best = -1;
    for (let index = 0; index < this.rows.length; index++) {
      const row = this.rows[index]!;
      if (arithmetic.sign(row[column]!) <= 0) continue;
      if (best < 0) {
        best = index;
        continue;
      }
      const incumbent = this.rows[best]!;
      const order = arithmetic.compareFractions(row[RHS]!, row[column]!, incumbent[RHS]!, incumbent[column]!);
      if (order < 0 || (order === 0 && this.basis[index]! < this.basis[best]!)) best = index;
    }
    return best;
  }

  private pivot(pivotIndex: number, entering: number): void {
    const { arithmetic } = this;
    // `=== zero` is exact for numbers and bigints alike and avoids a call per entry in this hot loop.
    const zero = arithmetic.zero;
    const column = FIRST_COLUMN + entering;
    const pivotRow = this.rows[pivotIndex]!;
    const pivotValue = pivotRow[column]!;
    const nonZero: number[] = [];
    for (let position = 0; position < pivotRow.length; position++) {
      if (pivotRow[position] !== zero) nonZero.push(position);
    }
    const rows = this.rows;
    for (let index = 0; index < rows.length; index++) {
      if (index === pivotIndex) continue;
      const row = rows[index]!;
      const multiple = row[column]!;
      if (multiple !== zero) arithmetic.eliminate(row, pivotValue, multiple, pivotRow, nonZero);
    }
    if (this.objective) {
      const multiple = this.objective[column]!;
      if (multiple !== zero) arithmetic.eliminate(this.objective, pivotValue, multiple, pivotRow, nonZero);
    }
    this.basis[pivotIndex] = entering;
  }

  /** Pivots basic artificials (all at zero) out of the basis, drops redundant rows, then the artificial columns. */
  private dropArtificialColumns(): void {
    const { arithmetic } = this;
    this.objective = undefined;
    for (let index = this.rows.length - 1; index >= 0; index--) {
      if (this.basis[index]! < this.artificialStart) continue;
      const row = this.rows[index]!;
      let replacement = -1;
      for (let variable = 0; variable < this.artificialStart; variable++) {
        if (arithmetic.sign(row[FIRST_COLUMN + variable]!) !== 0) {
          replacement = variable;
          break;
        }
      }
      if (replacement < 0) {
        // Every non-artificial entry is zero: the equation is implied by the others.
        this.rows.splice(index, 1);
        this.basis.splice(index, 1);
        continue;
      }
      if (arithmetic.sign(row[FIRST_COLUMN + replacement]!) < 0) {
        // The row's value is zero, so negating it keeps the basis feasible and makes the pivot positive.
        for (let column = 0; column < row.length; column++) row[column] = arithmetic.negate(row[column]!);
      }
      this.pivot(index, replacement);
    }
    for (const row of this.rows) row.length = FIRST_COLUMN + this.artificialStart;
    this.columnCount = this.artificialStart;
  }
}
