import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import type { ObservationFlags } from '../flags/observation-flags.js';
import { cellIndexOf, cubeLayout } from './cube-layout.js';
import type { CubeLayout } from './cube-layout.js';
import type { Dimension } from './dimension.js';

/** One cell as the hub aggregates it: one code per dimension (margins included) and the number of records. */
export interface CountCell {
  readonly coordinates: readonly string[];
  readonly count: number;
}

/** A cell with its cell key: the sum of its records' keys modulo 2^52 (see `cellKeyOf`). */
export interface AggregatedCell extends CountCell {
  readonly cellKey: bigint;
}

/**
 * A dataset's cells over its dimensions. Cells may be listed sparsely: a cell that is not listed has no
 * records (count 0, cell key 0), which is what a SQL `GROUP BY CUBE` returns.
 */
export interface Cube<Cell extends CountCell = AggregatedCell> {
  readonly dimensions: readonly Dimension[];
  readonly cells: readonly Cell[];
}

export type CountCube = Cube<CountCell>;

/** A cell as released: `value` null when suppressed (flag `c`). */
export interface PublishedCell {
  readonly coordinates: readonly string[];
  readonly value: number | null;
  readonly flags: ObservationFlags;
}

/** The cube as flat arrays over its layout, every cell present. */
export interface DenseCounts {
  readonly layout: CubeLayout;
  readonly counts: Float64Array;
}

export function denseCounts(cube: Cube<CountCell>): DenseCounts {
  const layout = cubeLayout(cube.dimensions);
  const counts = new Float64Array(layout.cellCount);
  const seen = new Uint8Array(layout.cellCount);
  for (const cell of cube.cells) {
    const index = cellIndexOf(layout, cell.coordinates);
    if (seen[index]) throw new DisclosureException(DisclosureErrorCode.INVALID_CELL, 'A cell is listed twice');
    seen[index] = 1;
    if (!Number.isSafeInteger(cell.count) || cell.count < 0) {
      throw new DisclosureException(DisclosureErrorCode.INVALID_CELL, 'A cell count must be a non-negative integer');
    }
    counts[index] = cell.count;
  }
  return { layout, counts };
}

/** Published cells in layout order, matched to the layout; every cell of the cube must be there exactly once. */
export function densePublished(layout: CubeLayout, published: readonly PublishedCell[]): (number | null)[] {
  const values = new Array<number | null | undefined>(layout.cellCount).fill(undefined);
  for (const cell of published) {
    const index = cellIndexOf(layout, cell.coordinates);
    if (values[index] !== undefined) throw new DisclosureException(DisclosureErrorCode.INVALID_CELL, 'A published cell is listed twice');
    values[index] = cell.value;
  }
  if (values.some((value) => value === undefined)) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_CELL, 'The published cells do not cover the cube');
  }
  return values as (number | null)[];
}
