import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { CountryMetadataModule } from '../country-metadata/country-metadata.module.js';
import { PopulationModule } from '../population/population.module.js';
import { ReleasesModule } from '../releases/releases.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { ComparativeRowResolver, FiguresResolver } from './figures.resolver.js';
import { FiguresService } from './figures.service.js';
import { PopulationDenominators } from './population-denominators.js';
import { LatestReleaseLoader } from './latest-release.loader.js';
import { PreviewService } from './preview.service.js';
import { ReleasedCubes } from './released-cubes.reader.js';

@Module({
  imports: [ReleasesModule, RevisionsModule, PopulationModule, CountryMetadataModule, CatalogueModule, AccessLogModule],
  providers: [
    FiguresService,
    PreviewService,
    ReleasedCubes,
    PopulationDenominators,
    LatestReleaseLoader,
    FiguresResolver,
    ComparativeRowResolver,
  ],
  exports: [FiguresService, ReleasedCubes, PopulationDenominators],
})
export class FiguresModule {}
