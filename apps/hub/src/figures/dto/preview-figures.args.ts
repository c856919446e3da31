import { ArgsType, Field } from '@nestjs/graphql';
import { Measure } from '../measure.js';
import { FigureFilterInput } from './figure-filter.input.js';

@ArgsType()
export class PreviewFiguresArgs {
  @Field({ description: 'A dataset id of the catalogue.' })
  dataset!: string;

  @Field({ description: 'The country to preview; a rapporteur may preview the countries of the token only.' })
  country!: string;

  @Field(() => FigureFilterInput, { nullable: true, description: 'As for figures; geo is the country.' })
  filter?: FigureFilterInput | null;

  @Field(() => Measure, { defaultValue: Measure.COUNT })
  measure!: Measure;
}
