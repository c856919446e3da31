import { ArgsType, Field, Int } from '@nestjs/graphql';
import { Measure } from '../measure.js';
import { FigureFilterInput } from './figure-filter.input.js';

@ArgsType()
export class FiguresArgs {
  @Field({ description: 'A dataset id of the catalogue (see datasets).' })
  dataset!: string;

  @Field(() => Int, { nullable: true, description: 'Release number; the latest release when omitted.' })
  release?: number | null;

  @Field(() => FigureFilterInput, { nullable: true })
  filter?: FigureFilterInput | null;

  @Field(() => Measure, { defaultValue: Measure.COUNT })
  measure!: Measure;
}
