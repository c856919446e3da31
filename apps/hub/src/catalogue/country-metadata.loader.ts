import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { CountryMetadataModel } from '../country-metadata/country-metadata.model.js';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';

export type CountryMetadataLoader = DataLoader<string, readonly CountryMetadataModel[]>;

/**
 * Per-request DataLoaders for the fields that fan out to country metadata (a country's entries and footnotes, the
 * definition notes of every row of a comparative report): however many countries a query touches, their metadata is
 * read once per request. Loaders live as long as the request object they are keyed by, so nothing is cached across
 * requests (an administrator's change is visible to the next query).
 */
@Injectable()
export class CountryMetadataLoaders {
  private readonly byRequest = new WeakMap<object, CountryMetadataLoader>();

  constructor(private readonly metadata: CountryMetadataService) {}

  forRequest(request: object): CountryMetadataLoader {
    let loader = this.byRequest.get(request);
    if (loader === undefined) {
      loader = new DataLoader<string, readonly CountryMetadataModel[]>((countries) => this.load(countries));
      this.byRequest.set(request, loader);
    }
    return loader;
  }

  /** One read of the (small) metadata table for the whole batch, grouped by country. */
  private async load(countries: readonly string[]): Promise<(readonly CountryMetadataModel[])[]> {
    const entries = await this.metadata.list();
    const byCountry = new Map<string, CountryMetadataModel[]>();
    for (const entry of entries) {
      const list = byCountry.get(entry.country);
      if (list) list.push(entry);
      else byCountry.set(entry.country, [entry]);
    }
    return countries.map((country) => byCountry.get(country) ?? []);
  }
}
