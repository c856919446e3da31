import { ArgsType, Field } from '@nestjs/graphql';
import { PageArgs, PeriodScalar } from '#app/platform';
import type { Period } from '#app/standard';

@ArgsType()
export class ReturnsArgs extends PageArgs(100) {
  @Field(() => PeriodScalar, { nullable: true, description: 'Only returns of this period.' })
  period?: Period | null;
}
