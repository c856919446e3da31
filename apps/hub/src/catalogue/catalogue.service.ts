import { Injectable } from '@nestjs/common';
import { CODE_LISTS, COUNTRY, DIMENSION_LABELS, FIGURE_CATALOGUE, STANDARD_COUNTRY_GROUPS, type DatasetDefinition } from '#app/standard';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';
import { NodesService } from '../nodes/nodes.service.js';
import { ReleasesService } from '../releases/releases.service.js';
import { CatalogueErrorCode, CatalogueException } from './catalogue.exception.js';
import type { CodeListModel } from './code-list.model.js';
import type { CountryGroupModel, CountryModel } from './country.model.js';
import type { DatasetModel } from './dataset.model.js';
import { compareGeos, geoLabel, groupsOfCountry, isCountryGroup } from './geo-codes.js';

/** The figure catalogue, the standard's code lists and the countries the hub knows of, as GraphQL models. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly nodes: NodesService,
    private readonly metadata: CountryMetadataService,
    private readonly releases: ReleasesService,
  ) {}

  datasets(): DatasetModel[] {
    return (Object.values(FIGURE_CATALOGUE) as DatasetDefinition[]).map(datasetModel);
  }

  codeList(id: string): CodeListModel {
    const list = CODE_LISTS[id];
    if (list === undefined) {
      throw new CatalogueException(
        CatalogueErrorCode.CODE_LIST_NOT_FOUND,
        `There is no code list of that id; the standard has ${Object.keys(CODE_LISTS).sort().join(', ')}.`,
        ['id'],
      );
    }
    return {
      id: list.id,
      title: list.title,
      description: list.description ?? null,
      standardVersion: list.standardVersion,
      codes: list.entries.map((entry) => ({
        code: entry.code,
        label: entry.label,
        description: entry.description ?? null,
        validFrom: entry.validFrom ?? null,
        validTo: entry.validTo ?? null,
        members: entry.members === undefined ? null : [...entry.members],
      })),
    };
  }

  /**
   * The countries of the hub: those of active nodes, those with metadata and those in the latest release; with `all`,
   * every country of the standard's list. Metadata and footnotes are resolved per field (batched per request).
   */
  async countries(all: boolean): Promise<CountryModel[]> {
    const reporting = new Set((await this.nodes.expectedCountries()).keys());
    let codes: string[];
    if (all) {
      codes = [...COUNTRY.codes];
    } else {
      const known = new Set<string>(reporting);
      for (const entry of await this.metadata.list()) known.add(entry.country);
      const [latest] = await this.releases.list();
      if (latest !== undefined) {
        for (const row of await this.releases.coverage(latest.number)) if (!isCountryGroup(row.geo)) known.add(row.geo);
      }
      codes = [...known].sort(compareGeos);
    }
    return codes.map((code) => ({
      code,
      label: geoLabel(code),
      reporting: reporting.has(code),
      groups: groupsOfCountry(code),
      metadata: [],
      footnotes: [],
    }));
  }

  countryGroups(): CountryGroupModel[] {
    return STANDARD_COUNTRY_GROUPS.map((group) => ({ id: group.id, label: group.label, members: [...group.members] }));
  }
}

function datasetModel(dataset: DatasetDefinition): DatasetModel {
  return {
    id: dataset.id,
    title: dataset.title,
    legalStatuses: [...dataset.legalStatuses],
    dimensions: [
      { id: 'geo', label: DIMENSION_LABELS.geo, codes: [] },
      { id: 'time', label: DIMENSION_LABELS.time, codes: [] },
      ...dataset.dimensions.map((dimension) => ({
        id: dimension.id,
        label: dimension.label,
        codes: dimension.codes.map(({ code, label }) => ({ code, label })),
      })),
    ],
  };
}
