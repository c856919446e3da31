import { Injectable, Logger } from '@nestjs/common';
import type { NodeActor } from '../access/node-actor.js';
import type { IdentityModel } from './identity.model.js';
import { VaultService } from './vault.service.js';

/** Reading identities back, for rapporteurs; every read is logged with who and whom (ids only). */
@Injectable()
export class VaultReadService {
  private readonly logger = new Logger('Vault');

  constructor(private readonly vault: VaultService) {}

  async identityOf(actor: NodeActor, personId: string): Promise<IdentityModel> {
    const identity = await this.vault.open(personId);
    this.logger.log({ msg: 'identity read', personId, by: actor.subject });
    return {
      givenNames: identity.givenNames ?? null,
      familyNames: identity.familyNames ?? null,
      birthDate: identity.birthDate ?? null,
      documentNumbers: [...(identity.documentNumbers ?? [])],
      phone: identity.phone ?? null,
      email: identity.email ?? null,
      address: identity.address ?? null,
      notes: identity.notes ?? null,
    };
  }
}
