import { CELL_KEY_MODULUS, CELL_KEY_MODULUS_NUMBER } from '../cell-key/cell-key.js';
import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';
import { coordinatesOf, cubeLayout } from './cube-layout.js';
import type { CubeLayout } from './cube-layout.js';
import type { AggregatedCell, Cube } from './cube.js';
import type { Dimension } from './dimension.js';

/**
 * One record's place in a cube: its record key and, per dimension, the leaf codes it falls in (exactly one
 * for an additive dimension, one or more for a multi-response one, every code for an independent one, e.g.
 * its quarter and its year).
 */
export interface RecordContribution {
  readonly key: bigint;
  readonly coordinates: readonly (readonly string[])[];
}

/**
 * Counts records into every cell of the cube, margins included: a record counts once per leaf it falls in and
 * once in each group covering any of them. Cell keys are the sums of record keys modulo 2^52. Used by tests
 * and benchmarks; the hub does the same in SQL. Keys are added as JS numbers: two keys below 2^52 sum below
 * 2^53, so each step is exact.
 */
export function aggregateCube(dimensions: readonly Dimension[], records: Iterable<RecordContribution>): Cube<AggregatedCell> {
  const layout = cubeLayout(dimensions);
  const counts = new Float64Array(layout.cellCount);
  const keys = new Float64Array(layout.cellCount);
  const contributions = dimensions.map((dimension, index) => contributionTable(dimension, layout.codeIndex[index]!));
  const maxCellsPerRecord = layout.sizes.reduce((product, size) => product * size, 1);
  let current = new Int32Array(Math.min(maxCellsPerRecord, layout.cellCount));
  let next = new Int32Array(current.length);
  const marks = layout.sizes.map((size) => new Int32Array(size));
  let recordNumber = 0;

  for (const record of records) {
    recordNumber += 1;
    const key = numericKey(record.key);
    if (record.coordinates.length !== dimensions.length) invalidRecord(`A record needs ${dimensions.length} code sets`);
    // The cell offsets this record counts in, built one dimension at a time.
    current[0] = 0;
    let length = 1;
    for (let dimension = 0; dimension < dimensions.length; dimension++) {
      const codes = codesOfRecord(
        dimensions[dimension]!,
        record.coordinates[dimension]!,
        contributions[dimension]!,
        marks[dimension]!,
        recordNumber,
      );
      const stride = layout.strides[dimension]!;
      let nextLength = 0;
      for (let position = 0; position < length; position++) {
        for (const code of codes) next[nextLength++] = current[position]! + code * stride;
      }
      [current, next] = [next, current];
      length = nextLength;
    }
    for (let position = 0; position < length; position++) {
      const cell = current[position]!;
      counts[cell] = counts[cell]! + 1;
      const sum = keys[cell]! + key;
      keys[cell] = sum >= CELL_KEY_MODULUS_NUMBER ? sum - CELL_KEY_MODULUS_NUMBER : sum;
    }
  }
  return { dimensions, cells: cellsOf(layout, counts, keys) };
}

function invalidRecord(message: string): never {
  throw new DisclosureException(DisclosureErrorCode.INVALID_RECORD, message);
}

function numericKey(key: bigint): number {
  if (typeof key !== 'bigint' || key < 0n || key >= CELL_KEY_MODULUS) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A record key must be an integer in [0, 2^52)');
  }
  return Number(key);
}

/** Per leaf code: the code indices a record in that leaf counts in (the leaf and every group covering it). */
interface ContributionTable {
  readonly byLeaf: ReadonlyMap<string, readonly number[]>;
}

function contributionTable(dimension: Dimension, codeIndex: ReadonlyMap<string, number>): ContributionTable {
  if (dimension.kind === 'independent') {
    return { byLeaf: new Map(dimension.codes.map((code) => [code, [codeIndex.get(code)!]])) };
  }
  const byLeaf = new Map<string, number[]>(dimension.leaves.map((leaf) => [leaf, [codeIndex.get(leaf)!]]));
  for (const group of dimension.groups) {
    for (const member of group.members) byLeaf.get(member)!.push(codeIndex.get(group.code)!);
  }
  return { byLeaf };
}

/** The code indices of one record along one dimension, each once (a group covering two of its leaves counts it once). */
function codesOfRecord(
  dimension: Dimension,
  leaves: readonly string[],
  table: ContributionTable,
  marks: Int32Array,
  recordNumber: number,
): readonly number[] {
  if (leaves.length === 0) invalidRecord(`A record names no code in dimension "${dimension.id}"`);
  if (dimension.kind === 'additive' && leaves.length !== 1) {
    invalidRecord(`A record falls in exactly one leaf of additive dimension "${dimension.id}"`);
  }
  if (leaves.length === 1) return codesOfLeaf(dimension, leaves[0]!, table);
  const codes: number[] = [];
  for (const leaf of leaves) {
    for (const code of codesOfLeaf(dimension, leaf, table)) {
      if (marks[code] === recordNumber) continue;
      marks[code] = recordNumber;
      codes.push(code);
    }
  }
  return codes;
}

function codesOfLeaf(dimension: Dimension, leaf: string, table: ContributionTable): readonly number[] {
  const codes = table.byLeaf.get(leaf);
  if (!codes) invalidRecord(`"${leaf}" is not a leaf code of dimension "${dimension.id}"`);
  return codes;
}

const toBigInt = BigInt; // a module-level alias: global lookups are slow in jest's vm contexts

function cellsOf(layout: CubeLayout, counts: Float64Array, keys: Float64Array): AggregatedCell[] {
  const cells: AggregatedCell[] = new Array(layout.cellCount);
  for (let index = 0; index < layout.cellCount; index++) {
    cells[index] = { coordinates: coordinatesOf(layout, index), count: counts[index]!, cellKey: toBigInt(keys[index]!) };
  }
  return cells;
}
