import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { NodeScope } from '../access/node-actor.js';
import { OutboxArgs } from './dto/outbox.args.js';
import { OutboxMessageModel } from './outbox-message.model.js';
import { OutboxQueryService } from './outbox-query.service.js';

@Resolver(() => OutboxMessageModel)
export class OutboxResolver {
  constructor(
    private readonly scope: NodeScope,
    private readonly outboxQuery: OutboxQueryService,
  ) {}

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Query(() => [OutboxMessageModel], { description: 'Messages to the hub and their delivery state, newest first.' })
  outbox(@CurrentPrincipal() principal: Principal, @Args() args: OutboxArgs): Promise<OutboxMessageModel[]> {
    return this.outboxQuery.list(this.scope.actorOf(principal), args);
  }
}
