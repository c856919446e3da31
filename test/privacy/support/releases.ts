import { EXAMPLE_PERTURBATION_PARAMETERS, buildPerturbationTable, flatDimension } from '#app/disclosure';
import type { Dimension, PerturbationTable } from '#app/disclosure';
import { geoWithEu, quartersAndYear } from './cube-fixtures.js';
import { AGE_GROUPS, CITIZENSHIPS, EU_MEMBERS, QUARTERS, SEXES, SYNTHETIC_COUNTRIES } from './persons.js';

export const SMALL_COUNT_THRESHOLD = 5;
export const TABLE: PerturbationTable = buildPerturbationTable(EXAMPLE_PERTURBATION_PARAMETERS);

/** victims by country (with the EU group), period (quarters and the year), sex and age group. */
export const SEX_AGE: Dimension[] = [
  geoWithEu(SYNTHETIC_COUNTRIES, EU_MEMBERS),
  quartersAndYear(QUARTERS, '2026'),
  flatDimension('sex', SEXES),
  flatDimension('age', AGE_GROUPS),
];

/** victims by country, period, sex and citizenship group: shares (geo, time, sex) margins with SEX_AGE. */
export const SEX_CITIZENSHIP: Dimension[] = [
  geoWithEu(SYNTHETIC_COUNTRIES, EU_MEMBERS),
  quartersAndYear(QUARTERS, '2026'),
  flatDimension('sex', SEXES),
  flatDimension('citizen', CITIZENSHIPS),
];

/** A value the attacker cannot have seen published: negative, or in the blocked range 1..js. */
export function impossibleValue(value: number): boolean {
  return value < 0 || (value >= 1 && value <= EXAMPLE_PERTURBATION_PARAMETERS.blockedUpTo);
}
