import { Injectable, Logger } from '@nestjs/common';
import type { NodeActor } from '../access/node-actor.js';
import { IdentityAccessChannel } from './identity-access.entity.js';
import type { IdentityAccessModel } from './identity-access.model.js';
import { IdentityAccessRepository } from './identity-access.repository.js';
import type { IdentityModel } from './identity.model.js';
import { VaultService } from './vault.service.js';

/** How many audit entries a person's page shows. */
const ACCESS_LOG_LIMIT = 50;

/**
 * Reading identities back, for rapporteurs. Every read is written to the node's audit log (who, whose, when, through
 * which channel; ids only) before the identity is handed out: an identity that could not be logged is not shown.
 */
@Injectable()
export class VaultReadService {
  private readonly logger = new Logger('Vault');

  constructor(
    private readonly vault: VaultService,
    private readonly accessLog: IdentityAccessRepository,
  ) {}

  async identityOf(
    actor: NodeActor,
    personId: string,
    channel: IdentityAccessChannel = IdentityAccessChannel.GRAPHQL,
  ): Promise<IdentityModel> {
    const identity = await this.vault.open(personId);
    await this.accessLog.record(personId, actor.subject, channel, new Date());
    this.logger.log({ msg: 'identity read', personId, by: actor.subject, channel });
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

  /** The person's identity reads, newest first. */
  async accessesOf(_actor: NodeActor, personId: string): Promise<IdentityAccessModel[]> {
    const entries = await this.accessLog.ofPerson(personId, ACCESS_LOG_LIMIT);
    return entries.map((entry) => ({ accessedAt: entry.accessedAt, subject: entry.subject, channel: entry.channel }));
  }
}
