import { ArgsType, Field, Int } from '@nestjs/graphql';
import { Measure } from '../measure.js';

@ArgsType()
export class ComparativeReportArgs {
  @Field({ description: 'A dataset id of the catalogue; its grand total is compared.' })
  dataset!: string;

  @Field(() => Int, { nullable: true, description: 'Release number; the latest release when omitted.' })
  release?: number | null;

  @Field(() => [String], { nullable: true, description: 'Countries or country groups; every geo of the release when omitted.' })
  countries?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Quarters or years; the latest reported year when omitted.' })
  periods?: string[] | null;

  @Field(() => Measure, { defaultValue: Measure.COUNT })
  measure!: Measure;
}
