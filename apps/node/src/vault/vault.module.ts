import { Module } from '@nestjs/common';
import { VaultReadService } from './vault-read.service.js';
import { VaultResolver } from './vault.resolver.js';
import { VaultService } from './vault.service.js';

/** The identity vault: sealing, reading back and shredding identities. */
@Module({ providers: [VaultService, VaultReadService, VaultResolver], exports: [VaultService] })
export class VaultModule {}
