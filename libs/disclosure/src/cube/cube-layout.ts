import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { codesOf, validateDimensions } from './dimension.js';
import type { Dimension } from './dimension.js';

/**
 * A dense addressing of every cell of a cube: cell index = sum of code index * stride, the last dimension
 * varying fastest. All algorithms work on flat typed arrays indexed this way.
 */
export interface CubeLayout {
  readonly dimensions: readonly Dimension[];
  /** Per dimension, its codes in cube order (leaves, then groups). */
  readonly codes: readonly (readonly string[])[];
  readonly codeIndex: readonly ReadonlyMap<string, number>[];
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
  readonly cellCount: number;
}

const floor = Math.floor; // a module-level alias: global lookups are slow in jest's vm contexts

/** Typed arrays address at most this many cells; catalogue cubes are far smaller. */
const MAX_CELLS = 50_000_000;

export function cubeLayout(dimensions: readonly Dimension[]): CubeLayout {
  validateDimensions(dimensions);
  const codes = dimensions.map(codesOf);
  const sizes = codes.map((list) => list.length);
  const strides = new Array<number>(dimensions.length);
  let cellCount = 1;
  for (let dimension = dimensions.length - 1; dimension >= 0; dimension--) {
    strides[dimension] = cellCount;
    cellCount *= sizes[dimension]!;
  }
  if (cellCount > MAX_CELLS) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_DIMENSION, `A cube of ${cellCount} cells is too large`);
  }
  return {
    dimensions,
    codes,
    codeIndex: codes.map((list) => new Map(list.map((code, index) => [code, index]))),
    sizes,
    strides,
    cellCount,
  };
}

export function cellIndexOf(layout: CubeLayout, coordinates: readonly string[]): number {
  if (coordinates.length !== layout.dimensions.length) {
    throw new DisclosureException(
      DisclosureErrorCode.INVALID_CELL,
      `A cell needs ${layout.dimensions.length} coordinates, got ${coordinates.length}`,
    );
  }
  let index = 0;
  for (let dimension = 0; dimension < coordinates.length; dimension++) {
    const code = layout.codeIndex[dimension]!.get(coordinates[dimension]!);
    if (code === undefined) {
      throw new DisclosureException(
        DisclosureErrorCode.INVALID_CELL,
        `Unknown code "${coordinates[dimension]}" in dimension "${layout.dimensions[dimension]!.id}"`,
      );
    }
    index += code * layout.strides[dimension]!;
  }
  return index;
}

export function coordinatesOf(layout: CubeLayout, index: number): string[] {
  return layout.codes.map((codes, dimension) => {
    const code = floor(index / layout.strides[dimension]!) % layout.sizes[dimension]!;
    return codes[code]!;
  });
}

/** Code index of a cell along one dimension. */
export function codeAt(layout: CubeLayout, index: number, dimension: number): number {
  return floor(index / layout.strides[dimension]!) % layout.sizes[dimension]!;
}
