import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { SESSION_RESOLVER } from '#app/auth';
import { AccessModule } from '../access/access.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { NodeConfig } from '../config/node.config.js';
import { ImportsModule } from '../imports/imports.module.js';
import { ConsentModule } from '../consent/consent.module.js';
import { PersonsModule } from '../persons/persons.module.js';
import { ReturnsModule } from '../returns/returns.module.js';
import { VaultModule } from '../vault/vault.module.js';
import { ConsoleCasesController } from './console-cases.controller.js';
import { ConsoleDatabaseGate } from './console-database-gate.interceptor.js';
import { ConsoleExceptionFilter } from './console-exception.filter.js';
import { ConsoleImportsController } from './console-imports.controller.js';
import { ConsoleImports } from './console-imports.service.js';
import { ConsolePersonsController } from './console-persons.controller.js';
import { ConsoleRequests } from './console-requests.service.js';
import { ConsoleOidc } from './console-oidc.service.js';
import { ConsoleSessions } from './console-sessions.service.js';
import { ConsoleSignIn } from './console-sign-in.service.js';
import { ConsoleController } from './console.controller.js';

/**
 * The node console (README, "Node console"). Global only for the session resolver, which the request authenticator
 * of libs/auth takes when it is there, so that the one guard reads console sessions as it reads bearer tokens.
 */
@Global()
@Module({
  imports: [
    AccessModule,
    ReturnsModule,
    ConsentModule,
    PersonsModule,
    VaultModule,
    CasesModule,
    ImportsModule,
    // Uploads are streamed to the node's data folder (never held in memory), one file of bounded size per form.
    MulterModule.registerAsync({
      inject: [NodeConfig],
      useFactory: (config: NodeConfig) => ({
        dest: join(config.dataDir, 'uploads'),
        limits: { fileSize: config.consoleImportMaxMegabytes * 1024 * 1024, files: 1, fields: 10, fieldSize: 1024 },
      }),
    }),
  ],
  // The case forms first: their fixed paths (`persons/new`) come before the persons controller's `persons/:personId`.
  controllers: [ConsoleController, ConsoleCasesController, ConsolePersonsController, ConsoleImportsController],
  providers: [
    { provide: ConsoleSessions, useFactory: () => new ConsoleSessions() },
    { provide: SESSION_RESOLVER, useExisting: ConsoleSessions },
    ConsoleSignIn,
    ConsoleOidc,
    ConsoleRequests,
    ConsoleImports,
    ConsoleDatabaseGate,
    ConsoleExceptionFilter,
  ],
  exports: [SESSION_RESOLVER],
})
export class ConsoleModule {}
