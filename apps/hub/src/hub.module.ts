import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { AuthModule } from '#app/auth';
import { DatabaseModule } from '#app/database';
import { AppRole, HealthModule, observatoryGraphQLModule } from '#app/platform';
import { HubConfig } from './config/hub.config.js';
import { AccessLogModule } from './access-log/access-log.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CountryMetadataModule } from './country-metadata/country-metadata.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { FiguresModule } from './figures/figures.module.js';
import { FigureInputsModule } from './figures-cache/figure-inputs.module.js';
import { FiguresCacheModule } from './figures-cache/figures-cache.module.js';
import { hubEntities } from './hub.entities.js';
import { hubMigrations } from './hub.migrations.js';
import { KeysModule } from './keys/keys.module.js';
import { NodesModule } from './nodes/nodes.module.js';
import { PopulationModule } from './population/population.module.js';
import { ReleasesModule } from './releases/releases.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RevocationsModule } from './revocations/revocations.module.js';
import { SubmissionsModule } from './submissions/submissions.module.js';

@Global()
@Module({})
class HubConfigModule {
  static forRoot(config: HubConfig): DynamicModule {
    return { module: HubConfigModule, providers: [{ provide: HubConfig, useValue: config }], exports: [HubConfig] };
  }
}

/** The hub's features, in the order they start. */
export const HUB_FEATURES: ReadonlyArray<Type> = [
  KeysModule,
  NodesModule,
  SubmissionsModule,
  RevocationsModule,
  CountryMetadataModule,
  PopulationModule,
  ReleasesModule,
  AccessLogModule,
  CatalogueModule,
  FiguresModule,
  FiguresCacheModule,
  ExportsModule,
  ReportsModule,
];

@Module({})
export class HubModule {
  /** The hub: settings, database, authentication, GraphQL and health, with `features` (all of them, or a resolver spec's few). */
  static forRoot(config: HubConfig, features: ReadonlyArray<Type | DynamicModule> = HUB_FEATURES): DynamicModule {
    return {
      module: HubModule,
      imports: [
        HubConfigModule.forRoot(config),
        FigureInputsModule,
        DatabaseModule.forRootAsync({
          inject: [HubConfig],
          useFactory: (hubConfig: HubConfig) => ({
            url: hubConfig.databaseUrl,
            dataDir: `${hubConfig.dataDir}/database`,
            entities: hubEntities,
            migrations: hubMigrations,
            applicationName: 'thb-hub',
          }),
        }),
        AuthModule.forRoot(config.auth),
        observatoryGraphQLModule({ queryLimits: config.queryLimits }),
        HealthModule.forRoot(AppRole.HUB),
        ...features,
      ],
    };
  }
}
