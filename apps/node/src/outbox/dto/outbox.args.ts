import { ArgsType, Field, Int } from '@nestjs/graphql';
import { OutboxKind, OutboxState } from '../outbox-state.js';

@ArgsType()
export class OutboxArgs {
  @Field(() => [OutboxState], { nullable: true, description: 'Only messages in these states (default: all).' })
  states?: OutboxState[];

  @Field(() => OutboxKind, { nullable: true })
  kind?: OutboxKind;

  @Field(() => Int, { defaultValue: 100, description: 'Newest first; at most 500.' })
  first!: number;
}
