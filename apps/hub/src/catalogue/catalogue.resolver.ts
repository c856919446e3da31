import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '#app/auth';
import { CountryMetadataModel } from '../country-metadata/country-metadata.model.js';
import { FIGURE_READERS } from '../figures/figure-roles.js';
import { CatalogueService } from './catalogue.service.js';
import { CodeListModel } from './code-list.model.js';
import { CountryMetadataLoaders } from './country-metadata.loader.js';
import { CountryGroupModel, CountryModel } from './country.model.js';
import { DatasetModel } from './dataset.model.js';

@Roles(...FIGURE_READERS)
@Resolver()
export class CatalogueResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @Query(() => [DatasetModel], { description: 'The figure catalogue: datasets with their dimensions, codes and labels.' })
  datasets(): DatasetModel[] {
    return this.catalogue.datasets();
  }

  @Query(() => CodeListModel, { description: 'A code list of the data standard by id (sex, age-group, exploitation, ...).' })
  codeList(@Args('id') id: string): CodeListModel {
    return this.catalogue.codeList(id);
  }

  @Query(() => [CountryModel], { description: 'Countries of the hub (or, with all, of the standard) with metadata and footnotes.' })
  countries(@Args('all', { defaultValue: false }) all: boolean): Promise<CountryModel[]> {
    return this.catalogue.countries(all);
  }

  @Query(() => [CountryGroupModel], { description: 'Country groups published as sums of their members.' })
  countryGroups(): CountryGroupModel[] {
    return this.catalogue.countryGroups();
  }
}

/** Metadata fields of a country, batched per request so a list of countries reads the metadata once. */
@Roles(...FIGURE_READERS)
@Resolver(() => CountryModel)
export class CountryResolver {
  constructor(private readonly loaders: CountryMetadataLoaders) {}

  @ResolveField(() => [CountryMetadataModel])
  metadata(@Parent() country: CountryModel, @Context('req') request: object): Promise<readonly CountryMetadataModel[]> {
    return this.loaders.forRequest(request).load(country.code);
  }

  @ResolveField(() => [String])
  async footnotes(@Parent() country: CountryModel, @Context('req') request: object): Promise<string[]> {
    const entries = await this.loaders.forRequest(request).load(country.code);
    return entries.flatMap((entry) => (entry.footnote === null ? [] : [entry.footnote]));
  }
}
