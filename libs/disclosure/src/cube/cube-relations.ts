import type { CubeLayout } from './cube-layout.js';

/** `sum`: total = sum of members (additive dimensions). `cover`: each member <= total <= sum of members. */
export type RelationKind = 'sum' | 'cover';

export const SUM_RELATION = 0;
export const COVER_RELATION = 1;

/**
 * Every linear relation the dimensions imply between cells, stored flat: relation r covers
 * `cells[offsets[r] .. offsets[r + 1])`, the first of which is its total, the rest its members.
 * Independent dimensions contribute none. Relations that follow from others (TOTAL over groups that
 * partition it) are not listed separately: the solver derives whatever the listed ones imply.
 */
export interface CubeRelations {
  readonly count: number;
  /** SUM_RELATION or COVER_RELATION per relation. */
  readonly kinds: Uint8Array;
  readonly offsets: Int32Array;
  readonly cells: Int32Array;
}

/** For each cell, the relations it takes part in (as total or member), in CSR form. */
export interface CellIncidence {
  readonly offsets: Int32Array;
  readonly relations: Int32Array;
}

export function deriveRelations(layout: CubeLayout): CubeRelations {
  let count = 0;
  let entries = 0;
  layout.dimensions.forEach((dimension, index) => {
    if (dimension.kind === 'independent') return;
    const lines = layout.cellCount / layout.sizes[index]!;
    for (const group of dimension.groups) {
      count += lines;
      entries += lines * (group.members.length + 1);
    }
  });
  const kinds = new Uint8Array(count);
  const offsets = new Int32Array(count + 1);
  const cells = new Int32Array(entries);
  let relation = 0;
  let cursor = 0;
  layout.dimensions.forEach((dimension, index) => {
    if (dimension.kind === 'independent') return;
    const stride = layout.strides[index]!;
    const size = layout.sizes[index]!;
    const outerCount = layout.cellCount / (size * stride);
    const codeIndex = layout.codeIndex[index]!;
    const kind = dimension.kind === 'additive' ? SUM_RELATION : COVER_RELATION;
    for (const group of dimension.groups) {
      const total = codeIndex.get(group.code)!;
      const members = group.members.map((member) => codeIndex.get(member)!);
      for (let outer = 0; outer < outerCount; outer++) {
        for (let inner = 0; inner < stride; inner++) {
          const base = outer * size * stride + inner;
          kinds[relation] = kind;
          offsets[relation] = cursor;
          cells[cursor++] = base + total * stride;
          for (const member of members) cells[cursor++] = base + member * stride;
          relation += 1;
        }
      }
    }
  });
  offsets[count] = cursor;
  return { count, kinds, offsets, cells };
}

export function cellIncidence(relations: CubeRelations, cellCount: number): CellIncidence {
  const offsets = new Int32Array(cellCount + 1);
  for (let entry = 0; entry < relations.cells.length; entry++) offsets[relations.cells[entry]! + 1]! += 1;
  for (let cell = 0; cell < cellCount; cell++) offsets[cell + 1]! += offsets[cell]!;
  const fill = offsets.slice(0, cellCount);
  const incidence = new Int32Array(relations.cells.length);
  for (let relation = 0; relation < relations.count; relation++) {
    for (let entry = relations.offsets[relation]!; entry < relations.offsets[relation + 1]!; entry++) {
      incidence[fill[relations.cells[entry]!]!++] = relation;
    }
  }
  return { offsets, relations: incidence };
}

export function relationKind(relations: CubeRelations, relation: number): RelationKind {
  return relations.kinds[relation] === SUM_RELATION ? 'sum' : 'cover';
}
