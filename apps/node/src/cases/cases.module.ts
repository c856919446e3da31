import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module.js';
import { PseudonymsModule } from '../pseudonyms/pseudonyms.module.js';
import { VaultModule } from '../vault/vault.module.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';

/** Persons and registrations: intake and correction over GraphQL. */
@Module({
  imports: [PersonsModule, PseudonymsModule, VaultModule],
  providers: [CasesService, CasesResolver],
  exports: [CasesService],
})
export class CasesModule {}
