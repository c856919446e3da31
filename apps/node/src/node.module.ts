import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '#app/auth';
import { AppRole, HealthModule, observatoryGraphQLModule } from '#app/platform';
import { AccessModule } from './access/access.module.js';
import { CasesModule } from './cases/cases.module.js';
import { NodeConfigModule, nodeDatabaseModule } from './config/node-config.module.js';
import { NodeConfig } from './config/node.config.js';
import { ConsentModule } from './consent/consent.module.js';
import { ConsoleModule } from './console/console.module.js';
import { PersonsModule } from './persons/persons.module.js';
import { KeysModule } from './keys/keys.module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { ReturnsModule } from './returns/returns.module.js';
import { VaultModule } from './vault/vault.module.js';

/** Bounds on one GraphQL document at the node (a person with many registrations is the widest legitimate input). */
const nodeQueryLimits = { maxDepth: 8, maxAliases: 20, maxFields: 400, maxListArgumentLength: 500, maxTokens: 6000 } as const;

/** The national node: cases, identity vault, pseudonyms, consent, signed returns, outbox, revocation. */
@Module({})
export class NodeModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: NodeModule,
      imports: [
        NodeConfigModule.forRoot(config),
        nodeDatabaseModule(),
        AuthModule.forRoot(config.auth),
        observatoryGraphQLModule({ queryLimits: nodeQueryLimits }),
        HealthModule.forRoot(AppRole.NODE),
        KeysModule,
        AccessModule,
        OutboxModule,
        VaultModule,
        CasesModule,
        ConsentModule,
        PersonsModule,
        ReturnsModule,
        ConsoleModule,
      ],
    };
  }
}
