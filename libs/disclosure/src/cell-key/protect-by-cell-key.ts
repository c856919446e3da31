import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { cellIndexOf, coordinatesOf } from '../cube/cube-layout.js';
import { denseCounts } from '../cube/cube.js';
import type { AggregatedCell, Cube, PublishedCell } from '../cube/cube.js';
import { CELL_KEY_MODULUS } from './cell-key.js';
import { perturbExactKey, smallThreshold } from './perturb.js';
import type { PerturbOptions } from './perturb.js';
import type { PerturbationTable } from './perturbation-table.js';

/**
 * Method 2: every cell of the cube, margins included, perturbed as a cell of its own (so the released cube is
 * not additive; outputs must say so). Returns every cell of the cube in layout order, zeros included.
 */
export function protectByCellKey(cube: Cube<AggregatedCell>, table: PerturbationTable, options: PerturbOptions = {}): PublishedCell[] {
  const threshold = smallThreshold(options);
  const { layout, counts } = denseCounts(cube);
  const keys = new Float64Array(layout.cellCount);
  for (const cell of cube.cells) {
    if (cell.cellKey < 0n || cell.cellKey >= CELL_KEY_MODULUS) {
      throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A cell key must be an integer in [0, 2^52)');
    }
    keys[cellIndexOf(layout, cell.coordinates)] = Number(cell.cellKey);
  }
  const published: PublishedCell[] = new Array(layout.cellCount);
  for (let index = 0; index < layout.cellCount; index++) {
    const { value, flags } = perturbExactKey(counts[index]!, keys[index]!, table, threshold);
    published[index] = { coordinates: coordinatesOf(layout, index), value, flags };
  }
  return published;
}
