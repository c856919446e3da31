import { Args, Query, Resolver } from '@nestjs/graphql';
import { UuidScalar } from '#app/platform';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { NodeScope } from '../access/node-actor.js';
import { IdentityAccessModel } from './identity-access.model.js';
import { IdentityModel } from './identity.model.js';
import { VaultReadService } from './vault-read.service.js';

@Resolver(() => IdentityModel)
export class VaultResolver {
  constructor(
    private readonly scope: NodeScope,
    private readonly vaultRead: VaultReadService,
  ) {}

  @Roles(Role.RAPPORTEUR)
  @Query(() => IdentityModel, { description: "A person's identity, decrypted from this node's vault (node only)." })
  personIdentity(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => UuidScalar }) personId: string,
  ): Promise<IdentityModel> {
    return this.vaultRead.identityOf(this.scope.actorOf(principal), personId);
  }

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Query(() => [IdentityAccessModel], { description: "Who read a person's identity and when, newest first (the last 50)." })
  identityAccesses(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => UuidScalar }) personId: string,
  ): Promise<IdentityAccessModel[]> {
    return this.vaultRead.accessesOf(this.scope.actorOf(principal), personId);
  }
}
