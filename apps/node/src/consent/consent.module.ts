import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { PersonsModule } from '../persons/persons.module.js';
import { VaultModule } from '../vault/vault.module.js';
import { ConsentResolver } from './consent.resolver.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';

/** Consent recording and revocation (data stewards). */
@Module({
  imports: [PersonsModule, VaultModule, OutboxModule],
  providers: [ConsentService, ConsentRepository, ConsentResolver],
  exports: [ConsentService],
})
export class ConsentModule {}
