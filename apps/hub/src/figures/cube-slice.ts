import { combineFlags, TOTAL } from '#app/standard';
import { coverageKey } from '../releases/release-plan.js';
import { cellKey } from '../releases/revision-flags.js';
import type { FigureSelection } from './figure-selection.js';

/** Per geo and time of a cube: whether it reported, the flags of all its cells, the breakdowns it does not collect. */
export interface CubeCoverage {
  readonly reported: boolean;
  readonly flags: string;
  readonly breakdownsNotCollected: readonly string[];
}

export interface StoredValue {
  readonly value: number | null;
  readonly flags: string;
}

/**
 * A protected cube as stored: coverage by `coverageKey(geo, time)` and the cells worth storing by
 * `cellKey(geo, time, codes)` (releases/ keys). A release keeps only cells that are not a plain zero; the rest follow
 * from coverage (see `protectDataset`).
 */
export interface CubeContents {
  readonly coverage: ReadonlyMap<string, CubeCoverage>;
  readonly cells: ReadonlyMap<string, StoredValue>;
}

export interface SlicedCell {
  /** geo, time, then one code per dataset dimension. */
  readonly codes: readonly string[];
  readonly value: number | null;
  readonly flags: string;
}

const NOT_AVAILABLE: StoredValue = { value: null, flags: ':' };

/**
 * Every cell of the selection, row-major, read from the cube: a stored cell as published; an absent one of a reported
 * geo and time is 0 with the coverage's flags, or not available (`:`) in a breakdown the country does not collect;
 * any cell of a geo and time that did not report (or is not in the cube) is not available.
 */
export function sliceCube(selection: FigureSelection, contents: CubeContents): SlicedCell[] {
  const dimensionIds = selection.dimensions.slice(2).map((dimension) => dimension.id);
  const codeLists = selection.dimensions.map((dimension) => dimension.codes.map((code) => code.code));
  const cells: SlicedCell[] = [];
  if (selection.cellCount === 0) return cells;
  const positions = new Array<number>(codeLists.length).fill(0);
  for (let index = 0; index < selection.cellCount; index++) {
    const codes = positions.map((position, dimension) => codeLists[dimension][position]);
    const [geo, time, ...rest] = codes as [string, string, ...string[]];
    const stored = contents.cells.get(cellKey(geo, time, rest));
    cells.push({ codes, ...(stored ?? absentValue(contents.coverage.get(coverageKey(geo, time)), dimensionIds, rest)) });
    advance(positions, codeLists);
  }
  return cells;
}

function absentValue(coverage: CubeCoverage | undefined, dimensionIds: readonly string[], codes: readonly string[]): StoredValue {
  if (coverage === undefined || !coverage.reported) return NOT_AVAILABLE;
  const notCollected = dimensionIds.some((id, index) => codes[index] !== TOTAL && coverage.breakdownsNotCollected.includes(id));
  return notCollected ? { value: null, flags: combineFlags(':', coverage.flags) } : { value: 0, flags: coverage.flags };
}

/** Odometer over the code positions, the last dimension fastest. */
function advance(positions: number[], codeLists: readonly (readonly string[])[]): void {
  for (let dimension = positions.length - 1; dimension >= 0; dimension--) {
    positions[dimension] += 1;
    if (positions[dimension] < codeLists[dimension].length) return;
    positions[dimension] = 0;
  }
}
