import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UuidScalar } from '#app/platform';
import { OutboxKind, OutboxState } from './outbox-state.js';

registerEnumType(OutboxKind, { name: 'OutboxKind', description: 'What a message to the hub carries.' });
registerEnumType(OutboxState, {
  name: 'OutboxState',
  description: 'Delivery state of a message to the hub.',
  valuesMap: {
    PENDING: { description: 'Waiting for its next attempt.' },
    SENDING: { description: 'A delivery is in progress.' },
    DELIVERED: { description: 'The hub accepted it; its receipt could not be verified (no hub key configured).' },
    RECEIPTED: { description: 'The hub accepted it and its signed receipt verified.' },
    REJECTED: { description: 'The hub refused it for good; see lastErrorCode.' },
  },
});

/** A message to the hub as operators see it: state and timing only, never its payload or receipt. */
@ObjectType('OutboxMessage')
export class OutboxMessageModel {
  @Field(() => UuidScalar, { description: 'The returnId or noticeId; the hub uses it for idempotency.' })
  id!: string;

  @Field(() => OutboxKind)
  kind!: OutboxKind;

  @Field(() => OutboxState)
  state!: OutboxState;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (null once delivered or rejected).' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the last failure (hub error code, HUB_UNREACHABLE, RECEIPT_BAD_SIGNATURE...).',
  })
  lastErrorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'ACCEPTED or DUPLICATE, as the hub answered.' })
  hubStatus!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}
