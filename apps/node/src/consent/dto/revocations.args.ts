import { ArgsType, Field, Int } from '@nestjs/graphql';
import { RevocationState } from '../revocation.model.js';

@ArgsType()
export class RevocationsArgs {
  @Field(() => [RevocationState], { nullable: true })
  states?: RevocationState[];

  @Field(() => Int, { defaultValue: 100, description: 'Newest first; at most 500.' })
  first!: number;
}
