import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Role, Roles } from '#app/auth';
import { RevocationModel, RevocationReceiptModel } from './revocation.model.js';
import { RevocationsService } from './revocations.service.js';

@Resolver()
export class RevocationsResolver {
  constructor(private readonly revocationsService: RevocationsService) {}

  /** Public at the guard: the node authenticates by the JWS signature, verified against the registry. */
  @Public()
  @Mutation(() => RevocationReceiptModel, { description: "A node's signed revocation notice (JWS, typ thb-revocation+jws)." })
  submitRevocation(@Args('jws') jws: string): Promise<RevocationReceiptModel> {
    return this.revocationsService.submitRevocation(jws);
  }

  @Roles(Role.HUB_ADMIN)
  @Query(() => [RevocationModel], { description: 'The revocation ledger, newest first.' })
  revocations(@Args('country', { nullable: true, type: () => String }) country?: string): Promise<RevocationModel[]> {
    return this.revocationsService.ledger(country ?? undefined);
  }
}
