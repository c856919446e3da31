import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PeriodScalar, UuidScalar } from '#app/platform';
import { OutboxState } from '../outbox/outbox-state.js';
// Registers the OutboxState enum with GraphQL.
import '../outbox/outbox-message.model.js';

@ObjectType('ReturnWithheld')
export class WithheldModel {
  @Field(() => Int, { description: 'Registrations of the period whose person has not consented to international transmission.' })
  noConsent!: number;

  @Field(() => Int, { description: 'Registrations of the period that do not pass the standard.' })
  invalid!: number;
}

/** A submitted return: what was signed, and how its delivery to the hub stands. */
@ObjectType('SubmittedReturn')
export class SubmittedReturnModel {
  @Field(() => UuidScalar)
  returnId!: string;

  @Field(() => PeriodScalar)
  period!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => Int)
  recordCount!: number;

  @Field(() => WithheldModel)
  withheld!: WithheldModel;

  @Field({ description: 'The rapporteur confirmed that the period had no registration: published as a true zero (flag `-`).' })
  confirmedZero!: boolean;

  @Field(() => OutboxState, { description: 'Delivery state of the signed return.' })
  state!: OutboxState;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastErrorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'ACCEPTED or DUPLICATE, as the hub answered.' })
  hubStatus!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next delivery attempt is due, while the return waits to be delivered.' })
  nextAttemptAt!: Date | null;
}

@ObjectType('PreviewCell')
export class PreviewCellModel {
  @Field(() => [String], { description: "Codes in the order of the dataset's dimensions (TOTAL for a margin)." })
  coordinates!: string[];

  @Field(() => Int, { description: "This node's exact count (its own data)." })
  count!: number;

  @Field(() => Int, { nullable: true, description: 'The value as published under the threshold rule; null when confidential.' })
  value!: number | null;

  @Field({ description: "Observation flags ('c' confidential)." })
  flags!: string;

  @Field({
    description: 'Below the threshold k: a small count. Where the hub perturbs instead of suppressing, u marks published values below k.',
  })
  belowThreshold!: boolean;
}

@ObjectType('PreviewDataset')
export class PreviewDatasetModel {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field(() => [String])
  dimensions!: string[];

  @Field(() => [PreviewCellModel])
  cells!: PreviewCellModel[];
}

/** The return a submission would sign now, and its figures as the hub would publish them for this country. */
@ObjectType('ReturnPreview')
export class ReturnPreviewModel {
  @Field(() => PeriodScalar)
  period!: string;

  @Field(() => Int, { description: 'The revision a submission now would get.' })
  nextRevision!: number;

  @Field(() => Int)
  recordCount!: number;

  @Field(() => WithheldModel)
  withheld!: WithheldModel;

  @Field({
    description: 'The node has never had a registration in this period: submitting it needs confirmZero, which publishes a true zero.',
  })
  needsZeroConfirmation!: boolean;

  @Field(() => Int, { description: 'Threshold k of the disclosure rule used.' })
  threshold!: number;

  @Field(() => [PreviewDatasetModel])
  datasets!: PreviewDatasetModel[];
}
