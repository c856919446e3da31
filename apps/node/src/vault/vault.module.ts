import { Module } from '@nestjs/common';
import { IdentityAccessRepository } from './identity-access.repository.js';
import { VaultReadService } from './vault-read.service.js';
import { VaultResolver } from './vault.resolver.js';
import { VaultService } from './vault.service.js';

/** The identity vault: sealing, reading back (written to the audit log) and shredding identities. */
@Module({
  providers: [VaultService, VaultReadService, IdentityAccessRepository, VaultResolver],
  exports: [VaultService, VaultReadService],
})
export class VaultModule {}
