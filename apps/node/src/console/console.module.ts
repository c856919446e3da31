import { Global, Module } from '@nestjs/common';
import { SESSION_RESOLVER } from '#app/auth';
import { AccessModule } from '../access/access.module.js';
import { ConsentModule } from '../consent/consent.module.js';
import { PersonsModule } from '../persons/persons.module.js';
import { ReturnsModule } from '../returns/returns.module.js';
import { VaultModule } from '../vault/vault.module.js';
import { ConsoleExceptionFilter } from './console-exception.filter.js';
import { ConsolePersonsController } from './console-persons.controller.js';
import { ConsoleRequests } from './console-requests.service.js';
import { ConsoleSessions } from './console-sessions.service.js';
import { ConsoleSignIn } from './console-sign-in.service.js';
import { ConsoleController } from './console.controller.js';

/**
 * The node console (README, "Node console"). Global only for the session resolver, which the request authenticator
 * of libs/auth takes when it is there, so that the one guard reads console sessions as it reads bearer tokens.
 */
@Global()
@Module({
  imports: [AccessModule, ReturnsModule, ConsentModule, PersonsModule, VaultModule],
  controllers: [ConsoleController, ConsolePersonsController],
  providers: [
    { provide: ConsoleSessions, useFactory: () => new ConsoleSessions() },
    { provide: SESSION_RESOLVER, useExisting: ConsoleSessions },
    ConsoleSignIn,
    ConsoleRequests,
    ConsoleExceptionFilter,
  ],
  exports: [SESSION_RESOLVER],
})
export class ConsoleModule {}
