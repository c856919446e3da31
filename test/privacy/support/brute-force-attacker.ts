import type { CountCell, Cube, Dimension, PublishedCell } from '#app/disclosure';

/**
 * An attacker written independently of the library's auditor: it derives the margin relations itself from
 * the dimensions and, for each suppressed cell and each candidate value from the floor up and from the cap
 * down, searches depth-first for an integer table with that value that matches every published cell. Nothing
 * smarter than partial-sum pruning: only for small cubes.
 */
export interface BruteForceOptions {
  /** The least value a suppressed cell can have in the attacker's eyes (1: zeros are never suppressed). */
  readonly lowerBound: number;
  /** No cell is tried above this; a solution at the cap means the cell may be unbounded. */
  readonly cap: number;
  /** Search nodes allowed before giving up (the test then fails loudly rather than wait). */
  readonly nodeBudget?: number;
}

export interface BruteForceInterval {
  readonly cell: number;
  readonly min: number;
  readonly max: number;
}

interface Relation {
  readonly kind: 'sum' | 'cover';
  readonly total: number;
  readonly members: readonly number[];
}

function relationsFromDimensions(dimensions: readonly Dimension[], published: readonly PublishedCell[]): Relation[] {
  const indexOf = new Map(published.map((cell, index) => [cell.coordinates.join('\u0000'), index]));
  const relations: Relation[] = [];
  dimensions.forEach((dimension, position) => {
    if (dimension.kind === 'independent') return;
    for (const group of dimension.groups) {
      published.forEach((cell, total) => {
        if (cell.coordinates[position] !== group.code) return;
        const members = group.members.map((member) => {
          const coordinates = [...cell.coordinates];
          coordinates[position] = member;
          const index = indexOf.get(coordinates.join('\u0000'));
          if (index === undefined) throw new Error('the release misses a cell');
          return index;
        });
        relations.push({ kind: dimension.kind === 'additive' ? 'sum' : 'cover', total, members });
      });
    }
  });
  return relations;
}

export function bruteForceIntervals(
  cube: Cube<CountCell>,
  published: readonly PublishedCell[],
  options: BruteForceOptions,
): BruteForceInterval[] {
  const relations = relationsFromDimensions(cube.dimensions, published);
  const unknowns = published.flatMap((cell, index) => (cell.value === null ? [index] : []));
  const value = published.map((cell) => cell.value);
  const relationsOf = new Map<number, Relation[]>(unknowns.map((cell) => [cell, []]));
  for (const relation of relations) {
    for (const cell of [relation.total, ...relation.members]) relationsOf.get(cell)?.push(relation);
  }
  // Least and greatest value of each cell over the tables found so far.
  const min = new Map<number, number>();
  const max = new Map<number, number>();
  let nodes = 0;
  const budget = options.nodeBudget ?? 5_000_000;

  const consistent = (relation: Relation): boolean => {
    const total = value[relation.total];
    let known = 0;
    let open = 0;
    for (const member of relation.members) {
      const memberValue = value[member];
      if (memberValue === null || memberValue === undefined) open += 1;
      else {
        known += memberValue;
        if (relation.kind === 'cover' && total !== null && total !== undefined && memberValue > total) return false;
      }
    }
    if (total === null || total === undefined) return true;
    if (relation.kind === 'sum') return open === 0 ? known === total : known + open * options.lowerBound <= total;
    return open === 0 ? total <= known : true;
  };

  /** The values a cell can still take given the cells fixed so far (sum relations only; cover ones are checked). */
  const domainOf = (cell: number): { low: number; high: number } => {
    let low = options.lowerBound;
    let high = options.cap;
    for (const relation of relationsOf.get(cell)!) {
      if (relation.kind !== 'sum') continue;
      let known = 0;
      let open = 0;
      for (const member of relation.members) {
        if (member === cell) continue;
        const memberValue = value[member];
        if (memberValue === null || memberValue === undefined) open += 1;
        else known += memberValue;
      }
      const total = value[relation.total];
      if (relation.total === cell) {
        // cell = known + (open members, each at least lowerBound); exact once nothing is open.
        low = Math.max(low, known + open * options.lowerBound);
        if (open === 0) high = Math.min(high, known);
      } else if (total !== null && total !== undefined) {
        high = Math.min(high, total - known - open * options.lowerBound);
        if (open === 0) low = Math.max(low, total - known);
      }
    }
    return { low, high };
  };

  // Depth-first search for one table that matches everything published (and the cells fixed by the caller).
  const assigned = new Set<number>();
  const search = (): boolean => {
    if (++nodes > budget) throw new Error('brute force over budget: use a smaller cube');
    if (assigned.size === unknowns.length) return true;
    // Branch on the open cell with the fewest possible values (a forced cell has one).
    let cell = -1;
    let domain = { low: 0, high: -1 };
    for (const candidate of unknowns) {
      if (assigned.has(candidate)) continue;
      const candidateDomain = domainOf(candidate);
      if (cell < 0 || candidateDomain.high - candidateDomain.low < domain.high - domain.low) {
        cell = candidate;
        domain = candidateDomain;
      }
    }
    assigned.add(cell);
    for (let candidate = domain.low; candidate <= domain.high; candidate++) {
      value[cell] = candidate;
      if (relationsOf.get(cell)!.every(consistent) && search()) return true;
    }
    value[cell] = null;
    assigned.delete(cell);
    return false;
  };
  const remember = (): void => {
    for (const cell of unknowns) {
      const current = value[cell]!;
      min.set(cell, Math.min(min.get(cell) ?? Infinity, current));
      max.set(cell, Math.max(max.get(cell) ?? -Infinity, current));
    }
  };
  /** Is there a matching table with `cell` = `candidate`? Remembers the table if so. */
  const possible = (cell: number, candidate: number): boolean => {
    value[cell] = candidate;
    assigned.add(cell);
    const found = relationsOf.get(cell)!.every(consistent) && search();
    if (found) remember();
    for (const open of unknowns) value[open] = null;
    assigned.clear();
    return found;
  };

  if (!search()) throw new Error('no table matches the release');
  remember();
  for (const open of unknowns) value[open] = null;
  assigned.clear();
  // Walk up from the floor to the least possible value, and down from the cap to the greatest. Values already
  // seen in a found table need no search.
  for (const cell of unknowns) {
    for (let candidate = options.lowerBound; candidate < min.get(cell)!; candidate++) {
      if (possible(cell, candidate)) break;
    }
    for (let candidate = options.cap; candidate > max.get(cell)!; candidate--) {
      if (possible(cell, candidate)) break;
    }
  }
  return unknowns.map((cell) => ({ cell, min: min.get(cell) ?? NaN, max: max.get(cell) ?? NaN }));
}
