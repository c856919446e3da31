import { combineFlags, parsePeriod } from '#app/standard';
import { countryGroupById } from '../catalogue/geo-codes.js';
import { coverageKey } from '../releases/release-plan.js';
import type { CubeCoverage, SlicedCell } from './cube-slice.js';
import { RATE_BASE, type RateMeasure } from './measure.js';

export interface PopulationValue {
  readonly value: number | null;
  readonly flags: string;
}

/** Population on 1 January of a geo (a country or a source aggregate) and year; undefined when the table lacks it. */
export type PopulationOf = (geo: string, year: number) => PopulationValue | undefined;

const MISSING: PopulationValue = { value: null, flags: ':' };

/** A quarter's denominator is its year's population on 1 January. */
export function populationYear(time: string): number {
  return parsePeriod(time).year;
}

/**
 * The members of a group whose counts are in the group's cell for that time: those that reported. The group's rate
 * divides by their population only, so a rate is never diluted by members that sent nothing.
 */
export function reportingMembers(group: string, time: string, coverage: ReadonlyMap<string, CubeCoverage>): string[] {
  return (countryGroupById(group)?.members ?? []).filter((member) => coverage.get(coverageKey(member, time))?.reported === true);
}

/** The denominator of a geo and time: a country's population, or the sum of a group's reporting members'. */
export function denominator(
  geo: string,
  time: string,
  populationOf: PopulationOf,
  coverage: ReadonlyMap<string, CubeCoverage>,
): PopulationValue {
  const year = populationYear(time);
  if (countryGroupById(geo) === undefined) return populationOf(geo, year) ?? MISSING;
  const members = reportingMembers(geo, time, coverage);
  if (members.length === 0) return MISSING;
  let sum = 0;
  let flags = '';
  for (const member of members) {
    const figure = populationOf(member, year);
    if (figure === undefined || figure.value === null) return MISSING;
    sum += figure.value;
    flags = combineFlags(flags, figure.flags);
  }
  return { value: sum, flags };
}

/**
 * Rates from published (protected) counts, never from original ones: rate = count / population * base. A rate is not
 * available when its count or its population is not; its flags combine the count's and the population's.
 */
export function toRates(
  cells: readonly SlicedCell[],
  measure: RateMeasure,
  denominatorOf: (geo: string, time: string) => PopulationValue,
): SlicedCell[] {
  const base = RATE_BASE[measure];
  return cells.map((cell) => {
    const [geo, time] = cell.codes as [string, string];
    const population = denominatorOf(geo, time);
    const flags = combineFlags(cell.flags, population.flags);
    if (cell.value === null) return { codes: cell.codes, value: null, flags };
    if (population.value === null || population.value <= 0) return { codes: cell.codes, value: null, flags: combineFlags(flags, ':') };
    return { codes: cell.codes, value: (cell.value / population.value) * base, flags };
  });
}
