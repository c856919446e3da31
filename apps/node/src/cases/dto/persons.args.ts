import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class PersonsArgs {
  @Field(() => String, { nullable: true, description: 'Only persons with a registration in this period (YYYY-Qn or YYYY).' })
  period?: string | null;

  @Field(() => String, { nullable: true })
  externalRef?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, at most 500.' })
  first!: number;

  @Field(() => Int, { defaultValue: 0 })
  offset!: number;
}
