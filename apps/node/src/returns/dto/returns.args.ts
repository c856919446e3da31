import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class ReturnsArgs {
  @Field(() => String, { nullable: true, description: 'Only returns of this period.' })
  period?: string | null;

  @Field(() => Int, { defaultValue: 100, description: 'Newest first; at most 500.' })
  first!: number;
}
