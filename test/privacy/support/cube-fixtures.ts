import { TOTAL, aggregateCube, cellIndexOf, cubeLayout, flatDimension, groupedDimension, independentDimension } from '#app/disclosure';
import type { AggregatedCell, Cube, Dimension, PublishedCell } from '#app/disclosure';
import type { Person } from './persons.js';

/**
 * Dimensions the tests build cubes on, keyed by the person attribute they read. `time` holds quarters and the
 * year (independent); `geo` has an EU group beside TOTAL, so EU and TOTAL are overlapping slices.
 */
export function geoWithEu(countries: readonly string[], euMembers: readonly string[]): Dimension {
  return groupedDimension('geo', countries, [
    { code: 'EU', members: euMembers },
    { code: TOTAL, members: countries },
  ]);
}

export function quartersAndYear(quarters: readonly string[], year: string): Dimension {
  return independentDimension('time', [...quarters, year]);
}

export { flatDimension };

/** Per dimension, the leaf codes of a person: its attribute, plus the year for a time dimension with one. */
function codesOfPerson(dimension: Dimension, person: Person): string[] {
  const value = person.attributes[dimension.id]!;
  if (dimension.kind === 'independent') {
    const year = dimension.codes.find((code) => /^\d{4}$/.test(code) && value.startsWith(code) && code !== value);
    return year ? [value, year] : [value];
  }
  return [value];
}

export function cubeOf(dimensions: readonly Dimension[], persons: readonly (Person & { key: bigint })[]): Cube<AggregatedCell> {
  return aggregateCube(
    dimensions,
    persons.map((person) => ({ key: person.key, coordinates: dimensions.map((dimension) => codesOfPerson(dimension, person)) })),
  );
}

/** Looks cells up by coordinates in cubes and releases (both are in layout order). */
export function cellFinder(dimensions: readonly Dimension[]): (coordinates: readonly string[]) => number {
  const layout = cubeLayout(dimensions);
  return (coordinates) => cellIndexOf(layout, coordinates);
}

export function valueAt(published: readonly PublishedCell[], index: number): number {
  const value = published[index]!.value;
  if (value === null) throw new Error('expected a published value');
  return value;
}
