import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Role, Roles } from '#app/auth';
import { PeriodScalar } from '#app/platform';
import type { Period } from '#app/standard';
import { SubmissionReceiptModel } from './submission-receipt.model.js';
import { SubmissionStatusModel } from './submission-status.model.js';
import { SubmissionsService } from './submissions.service.js';

@Resolver()
export class SubmissionsResolver {
  constructor(private readonly submissionsService: SubmissionsService) {}

  /** Public at the guard: the node authenticates by the JWS signature, verified against the registry. */
  @Public()
  @Mutation(() => SubmissionReceiptModel, { description: "A node's signed quarterly return (JWS, typ thb-return+jws)." })
  submitReturn(@Args('jws') jws: string): Promise<SubmissionReceiptModel> {
    return this.submissionsService.submitReturn(jws);
  }

  @Roles(Role.HUB_ADMIN)
  @Query(() => SubmissionStatusModel, { description: 'Who has reported for a period: each expected country and its state.' })
  submissionStatus(@Args('period', { type: () => PeriodScalar }) period: Period): Promise<SubmissionStatusModel> {
    return this.submissionsService.status(period);
  }
}
