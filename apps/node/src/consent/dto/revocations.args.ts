import { ArgsType, Field } from '@nestjs/graphql';
import { PageArgs } from '#app/platform';
import { RevocationState } from '../revocation.model.js';

@ArgsType()
export class RevocationsArgs extends PageArgs(100) {
  @Field(() => [RevocationState], { nullable: true })
  states?: RevocationState[];
}
