import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('DimensionCode')
export class DimensionCodeModel {
  @Field()
  code!: string;

  @Field()
  label!: string;
}

@ObjectType('Dimension', { description: 'A dimension of a dataset: its codes in display order, TOTAL (the margin) last.' })
export class DimensionModel {
  @Field({ description: 'Eurostat-style id: geo, time, leg_stat, sex, age, citizen, exploit, reg_org, permit, compens, return.' })
  id!: string;

  @Field()
  label!: string;

  @Field(() => [DimensionCodeModel], {
    description: 'In a figure table, the selected codes; in the catalogue, empty for geo and time (they depend on the release).',
  })
  codes!: DimensionCodeModel[];
}

@ObjectType('Dataset', { description: 'A dataset of the figure catalogue: a cross-classification with all margins.' })
export class DatasetModel {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field(() => [String], { description: 'Legal statuses whose records it counts.' })
  legalStatuses!: string[];

  @Field(() => [DimensionModel], { description: "geo and time, then the dataset's own dimensions in cube order." })
  dimensions!: DimensionModel[];
}
