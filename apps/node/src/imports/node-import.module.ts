import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { NodeConfigModule, nodeDatabaseModule } from '../config/node-config.module.js';
import type { NodeConfig } from '../config/node.config.js';
import { KeysModule } from '../keys/keys.module.js';
import { ImportsModule } from './imports.module.js';

/** What the import script needs of a node, without its HTTP server, GraphQL or outbox loop. */
@Module({})
export class NodeImportModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: NodeImportModule,
      imports: [NodeConfigModule.forRoot(config), nodeDatabaseModule(), KeysModule, AccessModule, ImportsModule],
    };
  }
}
