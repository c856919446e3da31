import {
  COUNTRY,
  DATASET_IDS,
  FIGURE_CATALOGUE,
  STANDARD_COUNTRY_GROUPS,
  type CountryGroup,
  type DatasetDefinition,
  type DatasetId,
} from '#app/standard';
import { CatalogueErrorCode, CatalogueException } from './catalogue.exception.js';

const groupsById: ReadonlyMap<string, CountryGroup> = new Map(STANDARD_COUNTRY_GROUPS.map((group) => [group.id, group]));

/** The figure catalogue's dataset of that id, or UNKNOWN_DATASET naming the argument. */
export function datasetById(id: string, field = 'dataset'): DatasetDefinition {
  if (!(DATASET_IDS as readonly string[]).includes(id)) {
    throw new CatalogueException(
      CatalogueErrorCode.UNKNOWN_DATASET,
      `There is no dataset of that id; the catalogue has ${DATASET_IDS.join(', ')}.`,
      [field],
    );
  }
  return FIGURE_CATALOGUE[id as DatasetId];
}

export function countryGroupById(id: string): CountryGroup | undefined {
  return groupsById.get(id);
}

export function isCountryGroup(geo: string): boolean {
  return groupsById.has(geo);
}

/** A country of the standard's code list or a country group the hub publishes. */
export function isKnownGeo(geo: string): boolean {
  return COUNTRY.byCode.has(geo) || groupsById.has(geo);
}

/** Countries first (by code), then groups (by id): the order of the geo dimension everywhere. */
export function compareGeos(a: string, b: string): number {
  const groupA = isCountryGroup(a);
  const groupB = isCountryGroup(b);
  if (groupA !== groupB) return groupA ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function geoLabel(geo: string): string {
  return COUNTRY.byCode.get(geo)?.label ?? groupsById.get(geo)?.label ?? geo;
}

/** Groups a country belongs to, by id. */
export function groupsOfCountry(country: string): string[] {
  return STANDARD_COUNTRY_GROUPS.filter((group) => (group.members as readonly string[]).includes(country)).map((group) => group.id);
}
