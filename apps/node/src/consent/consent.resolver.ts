import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { UuidScalar } from '#app/platform';
import { NodeScope } from '../access/node-actor.js';
import { ConsentInput } from '../persons/dto/consent.input.js';
import { PersonModel } from '../persons/person.model.js';
import { ConsentService } from './consent.service.js';
import { RevocationsArgs } from './dto/revocations.args.js';
import { RevocationModel } from './revocation.model.js';

@Resolver(() => RevocationModel)
export class ConsentResolver {
  constructor(
    private readonly scope: NodeScope,
    private readonly consent: ConsentService,
  ) {}

  @Roles(Role.STEWARD)
  @Mutation(() => PersonModel, { description: 'Records consent given to statistical use and international transmission.' })
  recordConsent(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => UuidScalar }) personId: string,
    @Args('input') input: ConsentInput,
  ): Promise<PersonModel> {
    return this.consent.recordConsent(this.scope.actorOf(principal), personId, input);
  }

  @Roles(Role.STEWARD)
  @Mutation(() => RevocationModel, {
    description: "Revokes a person's consent for good: destroys their identity key, drops them from returns, notifies the hub.",
  })
  revokeConsent(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => UuidScalar }) personId: string,
  ): Promise<RevocationModel> {
    return this.consent.revokeConsent(this.scope.actorOf(principal), personId);
  }

  @Roles(Role.STEWARD)
  @Query(() => [RevocationModel], { description: 'Revocations and how far their notice to the hub got, newest first.' })
  revocations(@CurrentPrincipal() principal: Principal, @Args() args: RevocationsArgs): Promise<RevocationModel[]> {
    return this.consent.revocations(this.scope.actorOf(principal), args);
  }
}
