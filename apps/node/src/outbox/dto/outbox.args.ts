import { ArgsType, Field } from '@nestjs/graphql';
import { PageArgs } from '#app/platform';
import { OutboxKind, OutboxState } from '../outbox-state.js';

@ArgsType()
export class OutboxArgs extends PageArgs(100) {
  @Field(() => [OutboxState], { nullable: true, description: 'Only messages in these states (default: all).' })
  states?: OutboxState[];

  @Field(() => OutboxKind, { nullable: true })
  kind?: OutboxKind;
}
