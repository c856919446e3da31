import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModule } from '#app/database';
import { nodeEntities } from '../node.entities.js';
import { nodeMigrations } from '../node.migrations.js';
import { NodeConfig } from './node.config.js';

/** Makes the node's validated settings injectable everywhere. */
@Global()
@Module({})
export class NodeConfigModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return { module: NodeConfigModule, providers: [{ provide: NodeConfig, useValue: config }], exports: [NodeConfig] };
  }
}

/** The node's database (embedded in `<DATA_DIR>/database`, or `DATABASE_URL`), migrated at start. */
export function nodeDatabaseModule(): DynamicModule {
  return DatabaseModule.forRootAsync({
    inject: [NodeConfig],
    useFactory: (config: NodeConfig) => ({
      url: config.databaseUrl,
      dataDir: `${config.dataDir}/database`,
      entities: nodeEntities,
      migrations: nodeMigrations,
      applicationName: 'thb-node',
    }),
  });
}
