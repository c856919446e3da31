import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UuidScalar } from '#app/platform';

/** Where a revocation stands, from the steward's point of view. */
export enum RevocationState {
  /** The signed notice waits in the outbox (or is being retried). */
  QUEUED = 'QUEUED',
  /** The hub accepted the notice; its receipt is not verified (no hub key configured). */
  DELIVERED = 'DELIVERED',
  /** The hub's signed receipt verified: the hub has erased the person's records. */
  RECEIPTED = 'RECEIPTED',
  /** The hub refused the notice for good; see lastErrorCode. */
  REJECTED = 'REJECTED',
}
registerEnumType(RevocationState, {
  name: 'ConsentRevocationState',
  description: 'Progress of a revocation notice to the hub.',
  valuesMap: {
    QUEUED: { description: 'The signed notice waits in the outbox (or is being retried).' },
    DELIVERED: { description: 'The hub accepted the notice; its receipt is not verified (no hub key configured).' },
    RECEIPTED: { description: "The hub's signed receipt verified: the hub has erased the person's records." },
    REJECTED: { description: 'The hub refused the notice for good; see lastErrorCode.' },
  },
});

@ObjectType('ConsentRevocation')
export class RevocationModel {
  @Field(() => UuidScalar, { description: 'The noticeId.' })
  id!: string;

  @Field(() => UuidScalar)
  personId!: string;

  @Field({ description: 'The pseudonym the notice names.' })
  pseudonym!: string;

  @Field(() => Date)
  revokedAt!: Date;

  @Field(() => RevocationState)
  state!: RevocationState;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastErrorCode!: string | null;

  @Field(() => Int, { nullable: true, description: 'Records the hub erased, from its verified receipt.' })
  erased!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "What the revocation promises for published figures, from the hub's verified receipt: the person is erased from the " +
      "hub at once, and left out of each period's figures from that period's next scheduled revision on.",
  })
  figuresPromise!: string | null;

  @Field(() => Date, { nullable: true })
  receiptedAt!: Date | null;
}
