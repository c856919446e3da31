import { Module } from '@nestjs/common';
import { CountryMetadataModule } from '../country-metadata/country-metadata.module.js';
import { NodesModule } from '../nodes/nodes.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { ReleaseBuilder } from './release-builder.js';
import { ReleasesRepository } from './releases.repository.js';
import { ReleasesResolver } from './releases.resolver.js';
import { ReleasesService } from './releases.service.js';

@Module({
  imports: [NodesModule, CountryMetadataModule, RevisionsModule],
  providers: [ReleasesService, ReleasesRepository, ReleaseBuilder, ReleasesResolver],
  exports: [ReleasesService, ReleasesRepository, ReleaseBuilder],
})
export class ReleasesModule {}
