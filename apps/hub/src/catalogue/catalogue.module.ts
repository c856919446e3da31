import { Module } from '@nestjs/common';
import { CountryMetadataModule } from '../country-metadata/country-metadata.module.js';
import { NodesModule } from '../nodes/nodes.module.js';
import { ReleasesModule } from '../releases/releases.module.js';
import { CatalogueResolver, CountryResolver } from './catalogue.resolver.js';
import { CatalogueService } from './catalogue.service.js';
import { CountryMetadataLoaders } from './country-metadata.loader.js';

@Module({
  imports: [NodesModule, CountryMetadataModule, ReleasesModule],
  providers: [CatalogueService, CatalogueResolver, CountryResolver, CountryMetadataLoaders],
  exports: [CountryMetadataLoaders],
})
export class CatalogueModule {}
