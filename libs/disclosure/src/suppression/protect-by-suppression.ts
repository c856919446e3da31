import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { codeAt, coordinatesOf } from '../cube/cube-layout.js';
import type { CubeLayout } from '../cube/cube-layout.js';
import { SUM_RELATION, cellIncidence, deriveRelations } from '../cube/cube-relations.js';
import type { CellIncidence, CubeRelations } from '../cube/cube-relations.js';
import { denseCounts } from '../cube/cube.js';
import type { CountCell, Cube, PublishedCell } from '../cube/cube.js';
import { NO_FLAGS, flagsOf } from '../flags/observation-flags.js';
import { DEFAULT_MAX_AUDITED_CELLS_PER_PART, cellsFixedByChains, pinnedSuppressedCells } from './audit-suppression.js';

export interface SuppressionOptions {
  /** k: a cell with 0 < n < k is confidential. 5 matches UNODC's "<5"; 3 is the common minimum. */
  readonly k: number;
  /**
   * Run the exact auditor after the rules and widen the pattern until no suppressed cell can be computed
   * exactly (default true). Without it, only the rules below protect the pattern; they cover single
   * relations but not every combination of relations.
   */
  readonly audit?: boolean;
  /** Limit of the exact check, as in `auditSuppression` (default 2000): larger parts fail with AUDIT_TOO_LARGE. */
  readonly maxAuditedCellsPerPart?: number;
}

const CONFIDENTIAL = flagsOf('c');

/**
 * Method 1: threshold rule with secondary suppression. Returns every cell of the cube in layout order: value
 * null and flag `c` when suppressed, the count otherwise. Zeros are published as 0 and never suppressed.
 *
 * Rules, applied until nothing changes:
 * - primary: 0 < n < k is suppressed;
 * - a sum relation (a margin and its members) with exactly one suppressed cell gets a second: the cheapest
 *   published non-zero cell of the relation (smallest count of at least 2 if there is one, a grand total only
 *   if nothing else is left);
 * - a sum relation whose only suppressed cells are two, one of them a 1, gets a third: the person in the
 *   cell of 1 knows that cell and would otherwise recover the other by subtraction.
 * Then, with `audit`, the exact auditor looks for suppressed cells still pinned through combinations of
 * relations and each gets one more suppression near it, until none is left.
 */
export function protectBySuppression(cube: Cube<CountCell>, options: SuppressionOptions): PublishedCell[] {
  const { k } = options;
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_PARAMETERS, 'The threshold k must be a positive integer');
  }
  const { layout, counts } = denseCounts(cube);
  const relations = deriveRelations(layout);
  const incidence = cellIncidence(relations, layout.cellCount);
  const state: SuppressionState = {
    layout,
    relations,
    incidence,
    counts,
    suppressed: new Uint8Array(layout.cellCount),
    allMargins: allMarginCells(layout),
  };
  const primary: number[] = [];
  for (let cell = 0; cell < layout.cellCount; cell++) {
    if (counts[cell]! > 0 && counts[cell]! < k) primary.push(cell);
  }
  for (const cell of primary) state.suppressed[cell] = 1;
  applyRules(state, primary);
  if (options.audit ?? true) widenUntilAuditPasses(state, options.maxAuditedCellsPerPart ?? DEFAULT_MAX_AUDITED_CELLS_PER_PART);

  const published: PublishedCell[] = new Array(layout.cellCount);
  for (let cell = 0; cell < layout.cellCount; cell++) {
    const coordinates = coordinatesOf(layout, cell);
    published[cell] = state.suppressed[cell]
      ? { coordinates, value: null, flags: CONFIDENTIAL }
      : { coordinates, value: counts[cell]!, flags: NO_FLAGS };
  }
  return published;
}

interface SuppressionState {
  readonly layout: CubeLayout;
  readonly relations: CubeRelations;
  readonly incidence: CellIncidence;
  readonly counts: Float64Array;
  readonly suppressed: Uint8Array;
  /** 1 where every coordinate outside independent dimensions is a margin: suppressed only as a last resort. */
  readonly allMargins: Uint8Array;
}

function allMarginCells(layout: CubeLayout): Uint8Array {
  const marks = new Uint8Array(layout.cellCount);
  for (let cell = 0; cell < layout.cellCount; cell++) {
    marks[cell] = layout.dimensions.every(
      (dimension, index) => dimension.kind === 'independent' || codeAt(layout, cell, index) >= dimension.leaves.length,
    )
      ? 1
      : 0;
  }
  return marks;
}

/**
 * Orders candidates for secondary suppression: ordinary cells before grand totals; cells of 2 or more before
 * cells of 1 (the attacker knows a suppressed cell is at least 1, so a suppressed 1 cannot move down and gives
 * its neighbours no room); then the smallest count; then position, for determinism.
 */
function cheaper(state: SuppressionState, left: number, right: number): boolean {
  const { allMargins, counts } = state;
  if (allMargins[left] !== allMargins[right]) return allMargins[left]! < allMargins[right]!;
  const leftIsOne = counts[left] === 1;
  if (leftIsOne !== (counts[right] === 1)) return !leftIsOne;
  if (counts[left] !== counts[right]) return counts[left]! < counts[right]!;
  return left < right;
}

/** The cheapest published non-zero cell of a relation, or -1. */
function cheapestCandidate(state: SuppressionState, relation: number): number {
  const { relations, suppressed, counts } = state;
  let best = -1;
  for (let entry = relations.offsets[relation]!; entry < relations.offsets[relation + 1]!; entry++) {
    const cell = relations.cells[entry]!;
    if (suppressed[cell] || counts[cell] === 0) continue;
    if (best < 0 || cheaper(state, cell, best)) best = cell;
  }
  return best;
}

/** Does this sum relation need one more suppressed cell under the rules? */
function needsMore(state: SuppressionState, relation: number): boolean {
  const { relations, suppressed, counts } = state;
  if (relations.kinds[relation] !== SUM_RELATION) return false;
  let suppressedCount = 0;
  let hasOne = false;
  for (let entry = relations.offsets[relation]!; entry < relations.offsets[relation + 1]!; entry++) {
    const cell = relations.cells[entry]!;
    if (!suppressed[cell]) continue;
    suppressedCount += 1;
    if (counts[cell] === 1) hasOne = true;
  }
  return suppressedCount === 1 || (suppressedCount === 2 && hasOne);
}

/** Applies the rules to every relation touching the given cells, following each new suppression, until stable. */
function applyRules(state: SuppressionState, changed: readonly number[]): void {
  const { relations, incidence, suppressed } = state;
  const queued = new Uint8Array(relations.count);
  const queue: number[] = [];
  const enqueueRelationsOf = (cell: number): void => {
    for (let entry = incidence.offsets[cell]!; entry < incidence.offsets[cell + 1]!; entry++) {
      const relation = incidence.relations[entry]!;
      if (!queued[relation]) {
        queued[relation] = 1;
        queue.push(relation);
      }
    }
  };
  for (const cell of changed) enqueueRelationsOf(cell);
  // Processing in a fixed order (a FIFO seeded in cell order) keeps the pattern deterministic.
  for (let head = 0; head < queue.length; head++) {
    const relation = queue[head]!;
    queued[relation] = 0;
    if (!needsMore(state, relation)) continue;
    const candidate = cheapestCandidate(state, relation);
    if (candidate < 0) continue;
    suppressed[candidate] = 1;
    enqueueRelationsOf(candidate);
    // The relation itself may still need more (the two-cells-of-1 rule after the first addition).
    if (!queued[relation]) {
      queued[relation] = 1;
      queue.push(relation);
    }
  }
}

/**
 * Audits and, for each pinned (or not provably unpinned) cell, suppresses the cheapest published non-zero cell
 * of the nearest relation that still has one, then re-applies the rules. Cells pinned through chains of
 * relations with one or two unknowns are found cheaply and widened first; the full exact check runs once those
 * are gone. Terminates: each round suppresses at least one more cell, and once a part of the cube has no
 * published non-zero cell left nothing in it is pinned (its relations are homogeneous, so doubling the true
 * values gives another solution).
 */
function widenUntilAuditPasses(state: SuppressionState, maxAuditedCellsPerPart: number): void {
  const input = { ...state, publishedValues: state.counts, nonZero: true, maxAuditedCellsPerPart };
  const cache = new Map<string, readonly boolean[]>();
  const pinnedBefore = new Set<number>();
  for (;;) {
    let unsafe = cellsFixedByChains(input);
    if (unsafe.length === 0) unsafe = pinnedSuppressedCells({ ...input, cache });
    if (unsafe.length === 0) return;
    const added: number[] = [];
    for (const cell of unsafe) {
      // A cell still pinned after one widening is tied through zeros or other suppressed cells: escalate to
      // every relation at the nearest distance that still has a candidate, rather than one more round each.
      for (const candidate of nearestCandidates(state, cell, pinnedBefore.has(cell) ? 'all' : 'cheapest')) {
        if (state.suppressed[candidate]) continue;
        state.suppressed[candidate] = 1;
        added.push(candidate);
      }
      pinnedBefore.add(cell);
    }
    if (added.length === 0) return;
    applyRules(state, added);
  }
}

/**
 * Breadth-first over relations from a cell, through suppressed cells: at the first distance where some relation
 * still has a candidate, the cheapest one of them ('cheapest') or the cheapest of each relation ('all').
 */
function nearestCandidates(state: SuppressionState, start: number, which: 'cheapest' | 'all'): number[] {
  const { relations, incidence } = state;
  const visitedCells = new Set<number>([start]);
  const visitedRelations = new Set<number>();
  let frontier = [start];
  while (frontier.length > 0) {
    const found: number[] = [];
    const nextFrontier: number[] = [];
    for (const cell of frontier) {
      for (let entry = incidence.offsets[cell]!; entry < incidence.offsets[cell + 1]!; entry++) {
        const relation = incidence.relations[entry]!;
        if (visitedRelations.has(relation)) continue;
        visitedRelations.add(relation);
        const candidate = cheapestCandidate(state, relation);
        if (candidate >= 0) found.push(candidate);
        for (let member = relations.offsets[relation]!; member < relations.offsets[relation + 1]!; member++) {
          const next = relations.cells[member]!;
          if (!visitedCells.has(next) && state.suppressed[next]) {
            visitedCells.add(next);
            nextFrontier.push(next);
          }
        }
      }
    }
    if (found.length > 0) {
      if (which === 'all') return found;
      return [found.reduce((best, candidate) => (cheaper(state, candidate, best) ? candidate : best))];
    }
    frontier = nextFrontier;
  }
  return [];
}
