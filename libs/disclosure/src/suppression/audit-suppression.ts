import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { coordinatesOf } from '../cube/cube-layout.js';
import type { CubeLayout } from '../cube/cube-layout.js';
import { SUM_RELATION, deriveRelations } from '../cube/cube-relations.js';
import type { CubeRelations } from '../cube/cube-relations.js';
import { densePublished, denseCounts } from '../cube/cube.js';
import type { CountCell, Cube, PublishedCell } from '../cube/cube.js';
import type { LinearConstraint, LinearProblem } from '../exact-lp/exact-simplex.js';
import {
  InfeasibleSystemError,
  SystemTooLargeError,
  integerIntervals,
  pinnedVariables,
  variablesFixedByPresolve,
} from '../exact-lp/integer-intervals.js';
import type { IntegerInterval } from '../exact-lp/integer-intervals.js';

export interface SuppressionAuditOptions {
  /**
   * Whether the attacker may assume every suppressed cell is at least 1. True by default: this library never
   * suppresses a zero (a zero is published as 0 and secondary suppression picks non-zero cells), and its rules
   * are public. Set false to audit a pattern from a tool that also hides zeros.
   */
  readonly suppressedCellsAreNonZero?: boolean;
  /**
   * The exact search solves each connected part of the suppressed cells (cells linked through relations, within
   * one code of every independent dimension) at once, and its cost grows steeply with the part's size. A part
   * with more unknowns than this (counted after cells tied to another by a relation with two suppressed cells
   * are eliminated) is refused with AUDIT_TOO_LARGE instead of running for hours. Default 2000.
   */
  readonly maxAuditedCellsPerPart?: number;
}

export const DEFAULT_MAX_AUDITED_CELLS_PER_PART = 2000;

/** What an attacker can derive about one suppressed cell. */
export interface SuppressedCellInterval {
  readonly coordinates: readonly string[];
  /** The true count, for the auditor's report only; never part of a release. */
  readonly count: number;
  /** Least and greatest value over all non-negative integer tables that match every published cell. */
  readonly min: number;
  /** `Infinity` when no relation bounds the cell. */
  readonly max: number;
  /** False only if branch and bound ran out of budget: then [min, max] contains the true interval. */
  readonly exact: boolean;
}

export interface SuppressionAudit {
  readonly intervals: readonly SuppressedCellInterval[];
  /** Suppressed cells whose value the attacker can compute exactly (min = max). Must be empty. */
  readonly pinned: readonly SuppressedCellInterval[];
}

/**
 * Plays the attacker against a suppressed release: for every cell published as null, the exact range of values
 * consistent with every published cell and every relation of the cube (sums along additive dimensions, bounds
 * along multi-response ones), over non-negative integers, by exact linear programming with branch and bound.
 */
export function auditSuppression(
  cube: Cube<CountCell>,
  published: readonly PublishedCell[],
  options: SuppressionAuditOptions = {},
): SuppressionAudit {
  const { layout, counts } = denseCounts(cube);
  const values = densePublished(layout, published);
  const relations = deriveRelations(layout);
  const suppressed = new Uint8Array(layout.cellCount);
  const publishedValues = new Float64Array(layout.cellCount);
  values.forEach((value, index) => {
    if (value === null) suppressed[index] = 1;
    else publishedValues[index] = value;
  });
  const intervals = suppressedIntervals({
    layout,
    relations,
    counts,
    suppressed,
    publishedValues,
    nonZero: options.suppressedCellsAreNonZero ?? true,
    maxAuditedCellsPerPart: options.maxAuditedCellsPerPart ?? DEFAULT_MAX_AUDITED_CELLS_PER_PART,
  });
  const result = intervals.map(({ cell, min, max, exact }) => ({
    coordinates: coordinatesOf(layout, cell),
    count: counts[cell]!,
    min,
    max,
    exact,
  }));
  return { intervals: result, pinned: result.filter(({ min, max }) => min === max) };
}

export interface DenseAuditInput {
  readonly layout: CubeLayout;
  readonly relations: CubeRelations;
  readonly counts: Float64Array;
  readonly suppressed: Uint8Array;
  /** Values as published; read only where the cell is not suppressed. */
  readonly publishedValues: Float64Array;
  readonly nonZero: boolean;
  readonly maxAuditedCellsPerPart: number;
}

export interface DenseInterval {
  readonly cell: number;
  readonly min: number;
  readonly max: number;
  readonly exact: boolean;
}

/** The auditor on flat arrays. Intervals in ascending cell order. */
export function suppressedIntervals(
  input: DenseAuditInput & { readonly cache?: Map<string, readonly IntegerInterval[]> },
): DenseInterval[] {
  const system = attackerSystem(input);
  const intervals = solving(() =>
    integerIntervals(system.problem, {
      knownSolution: system.truthMatches ? system.truth : undefined,
      cache: input.cache,
      maxComponentSize: input.maxAuditedCellsPerPart,
    }),
  );
  return system.cells.map((cell, variable) => ({
    cell,
    min: intervals[variable]!.min + system.lowerBound,
    max: intervals[variable]!.max + system.lowerBound,
    exact: intervals[variable]!.exact,
  }));
}

/**
 * The suppressed cells an attacker can compute exactly (or that could not be shown otherwise within the
 * search budget), for secondary suppression. Needs published values equal to the counts.
 */
export function pinnedSuppressedCells(input: DenseAuditInput & { readonly cache?: Map<string, readonly boolean[]> }): number[] {
  const system = attackerSystem(input);
  if (!system.truthMatches) throw new Error('pinned cells are only asked of values published as counted');
  const pinned = solving(() =>
    pinnedVariables(system.problem, system.truth, { cache: input.cache, maxComponentSize: input.maxAuditedCellsPerPart }),
  );
  return system.cells.filter((_, variable) => pinned[variable]);
}

/** The cheap part of `pinnedSuppressedCells`: cells fixed by chains of relations with one or two unknowns. */
export function cellsFixedByChains(input: DenseAuditInput): number[] {
  const system = attackerSystem(input);
  const fixed = solving(() => variablesFixedByPresolve(system.problem));
  return system.cells.filter((_, variable) => fixed[variable]);
}

function solving<R>(solve: () => R): R {
  try {
    return solve();
  } catch (error) {
    if (error instanceof InfeasibleSystemError) {
      throw new DisclosureException(
        DisclosureErrorCode.INVALID_CELL,
        'The published cells contradict the relations of the cube (are margins and members consistent?)',
      );
    }
    if (error instanceof SystemTooLargeError) {
      throw new DisclosureException(
        DisclosureErrorCode.AUDIT_TOO_LARGE,
        `One part of the cube links ${error.variableCount} unknown suppressed cells, more than the exact check takes`,
        [],
        { unknowns: error.variableCount },
      );
    }
    throw error;
  }
}

interface AttackerSystem {
  /** The suppressed cells, one variable each, in ascending order. */
  readonly cells: readonly number[];
  /** Over y = x - lowerBound >= 0. */
  readonly problem: LinearProblem;
  readonly lowerBound: number;
  /** The true counts in the same shifted form. */
  readonly truth: readonly number[];
  /** Whether the true counts satisfy the system (they do when the published values are the counts). */
  readonly truthMatches: boolean;
}

/** What the attacker knows, as linear constraints over the suppressed cells. */
function attackerSystem(input: DenseAuditInput): AttackerSystem {
  const { layout, relations, counts, suppressed, publishedValues, nonZero } = input;
  const variableOf = new Int32Array(layout.cellCount).fill(-1);
  const cells: number[] = [];
  for (let cell = 0; cell < layout.cellCount; cell++) {
    if (!suppressed[cell]) continue;
    if (nonZero && counts[cell] === 0) {
      throw new DisclosureException(
        DisclosureErrorCode.INVALID_CELL,
        'A suppressed cell has count 0; audit with suppressedCellsAreNonZero: false',
      );
    }
    variableOf[cell] = cells.length;
    cells.push(cell);
  }
  // Unknowns are shifted by the lower bound the attacker knows: x = lowerBound + y with y >= 0.
  const lowerBound = nonZero ? 1 : 0;
  const constraints: LinearConstraint[] = [];
  const addConstraint = (terms: readonly { cell: number; coefficient: number }[], sense: LinearConstraint['sense']): void => {
    const variables: number[] = [];
    const coefficients: number[] = [];
    let rhs = 0;
    for (const { cell, coefficient } of terms) {
      const variable = variableOf[cell]!;
      if (variable < 0) {
        rhs -= coefficient * publishedValues[cell]!;
      } else {
        variables.push(variable);
        coefficients.push(coefficient);
        rhs -= coefficient * lowerBound;
      }
    }
    if (variables.length > 0) constraints.push({ variables, coefficients, sense, rhs });
  };
  for (let relation = 0; relation < relations.count; relation++) {
    const start = relations.offsets[relation]!;
    const end = relations.offsets[relation + 1]!;
    const total = relations.cells[start]!;
    let touchesUnknown = false;
    for (let entry = start; entry < end; entry++) if (suppressed[relations.cells[entry]!]) touchesUnknown = true;
    if (!touchesUnknown) continue;
    const members: { cell: number; coefficient: number }[] = [];
    for (let entry = start + 1; entry < end; entry++) members.push({ cell: relations.cells[entry]!, coefficient: 1 });
    if (relations.kinds[relation] === SUM_RELATION) {
      // members - total = 0
      addConstraint([...members, { cell: total, coefficient: -1 }], 'eq');
    } else {
      // total - members <= 0, and member - total <= 0 for each member
      addConstraint([{ cell: total, coefficient: 1 }, ...members.map(({ cell }) => ({ cell, coefficient: -1 }))], 'le');
      for (const { cell } of members) {
        addConstraint(
          [
            { cell, coefficient: 1 },
            { cell: total, coefficient: -1 },
          ],
          'le',
        );
      }
    }
  }
  const truth = cells.map((cell) => counts[cell]! - lowerBound);
  return {
    cells,
    problem: { variableCount: cells.length, constraints },
    lowerBound,
    truth,
    truthMatches: constraints.every((constraint) => satisfiedBy(constraint, truth)),
  };
}

function satisfiedBy(constraint: LinearConstraint, point: readonly number[]): boolean {
  let total = 0;
  constraint.variables.forEach((variable, index) => (total += constraint.coefficients[index]! * point[variable]!));
  if (constraint.sense === 'eq') return total === constraint.rhs;
  return constraint.sense === 'le' ? total <= constraint.rhs : total >= constraint.rhs;
}
