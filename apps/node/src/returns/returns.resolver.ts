import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { PeriodScalar } from '#app/platform';
import type { Period } from '#app/standard';
import { NodeScope } from '../access/node-actor.js';
import { ReturnsArgs } from './dto/returns.args.js';
import { ReturnPreviewModel, SubmittedReturnModel } from './quarterly-return.model.js';
import { ReturnsService } from './returns.service.js';

@Resolver(() => SubmittedReturnModel)
export class ReturnsResolver {
  constructor(
    private readonly scope: NodeScope,
    private readonly returnsService: ReturnsService,
  ) {}

  @Roles(Role.RAPPORTEUR)
  @Query(() => ReturnPreviewModel, { description: "The period's return and its figures as the hub would publish them; nothing is signed." })
  previewReturn(
    @CurrentPrincipal() principal: Principal,
    @Args('period', { type: () => PeriodScalar }) period: Period,
  ): Promise<ReturnPreviewModel> {
    return this.returnsService.preview(this.scope.actorOf(principal), period);
  }

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => SubmittedReturnModel, { description: "Signs the period's return (next revision) and queues it for the hub." })
  submitReturn(
    @CurrentPrincipal() principal: Principal,
    @Args('period', { type: () => PeriodScalar }) period: Period,
    @Args('confirmZero', {
      type: () => Boolean,
      defaultValue: false,
      description:
        'States that the country had no registration in the period: needed for a period this node never had one in, published as a true zero (flag `-`).',
    })
    confirmZero: boolean,
  ): Promise<SubmittedReturnModel> {
    return this.returnsService.submit(this.scope.actorOf(principal), period, confirmZero);
  }

  @Roles(Role.RAPPORTEUR)
  @Query(() => [SubmittedReturnModel], { description: 'Submitted returns and their delivery state, newest first.' })
  returns(@CurrentPrincipal() principal: Principal, @Args() args: ReturnsArgs): Promise<SubmittedReturnModel[]> {
    return this.returnsService.list(this.scope.actorOf(principal), args);
  }
}
