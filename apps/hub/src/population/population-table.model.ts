import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PopulationTable', { description: 'A loaded version of the population denominators.' })
export class PopulationTableModel {
  @Field()
  version!: string;

  @Field()
  tableId!: string;

  @Field()
  title!: string;

  @Field()
  source!: string;

  @Field(() => String, { nullable: true })
  sourceUrl!: string | null;

  @Field()
  extractionDate!: string;

  @Field()
  loadedAt!: Date;

  @Field(() => Int)
  observationCount!: number;

  @Field(() => [Int])
  years!: number[];

  @Field({ description: 'The version rates use: the latest extraction.' })
  current!: boolean;
}

@ObjectType('PopulationFigure', { description: 'Population on 1 January of a geo and year.' })
export class PopulationFigureModel {
  @Field()
  geo!: string;

  @Field(() => Int)
  year!: number;

  @Field()
  sex!: string;

  @Field()
  age!: string;

  @Field(() => Int, { nullable: true, description: 'Persons; null when not available.' })
  value!: number | null;

  @Field()
  flags!: string;

  @Field({ description: 'The table version the figure comes from.' })
  version!: string;
}
