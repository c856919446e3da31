import { ArgsType, Field } from '@nestjs/graphql';
import { PageArgs, PeriodScalar } from '#app/platform';
import type { Period } from '#app/standard';

@ArgsType()
export class PersonsArgs extends PageArgs(50) {
  @Field(() => PeriodScalar, { nullable: true, description: 'Only persons with a registration in this period.' })
  period?: Period | null;

  @Field(() => String, { nullable: true })
  externalRef?: string | null;
}
