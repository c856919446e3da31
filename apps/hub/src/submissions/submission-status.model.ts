import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PeriodScalar } from '#app/platform';

export enum ReportingState {
  MISSING = 'MISSING',
  RECEIVED = 'RECEIVED',
  /** Received, then replaced by a higher revision. */
  REVISED = 'REVISED',
}

registerEnumType(ReportingState, { name: 'ReportingState' });

@ObjectType('CountrySubmissionStatus', { description: 'Whether a country has reported for a period.' })
export class CountrySubmissionStatusModel {
  @Field()
  country!: string;

  @Field(() => String, { nullable: true, description: 'The node reporting for the country (null if it has none now).' })
  nodeId!: string | null;

  @Field(() => ReportingState)
  state!: ReportingState;

  @Field(() => Int, { nullable: true, description: 'Revision in force.' })
  revision!: number | null;

  @Field(() => String, { nullable: true })
  returnId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the revision in force was received.' })
  receivedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Records the node declared in the revision in force.' })
  recordCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Records of that revision the hub holds now: the declared count less the persons who revoked consent since.',
  })
  recordsInForce!: number | null;

  @Field(() => Int, { nullable: true, description: 'Records the node withheld (no consent or invalid), as it declared.' })
  withheld!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the rapporteur confirmed that the period had no registration (a true zero, flagged `-`).',
  })
  confirmedZero!: boolean | null;
}

@ObjectType('SubmissionStatus')
export class SubmissionStatusModel {
  @Field(() => PeriodScalar)
  period!: string;

  @Field(() => [CountrySubmissionStatusModel])
  countries!: CountrySubmissionStatusModel[];
}
