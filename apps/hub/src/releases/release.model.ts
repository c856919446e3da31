import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ReleaseDataset')
export class ReleaseDatasetModel {
  @Field()
  dataset!: string;

  @Field(() => [String], { description: "Dimensions besides geo and time, in the order of each cell's codes." })
  dimensionIds!: string[];

  @Field(() => Int, { description: 'Cells stored (absent cells of reported geo and time are zeros).' })
  cellCount!: number;
}

@ObjectType('ReleaseCoverage', { description: 'Whether a geo reported for a time in a release, and the flags of its cells.' })
export class ReleaseCoverageModel {
  @Field()
  geo!: string;

  @Field()
  time!: string;

  @Field()
  reported!: boolean;

  @Field()
  flags!: string;

  @Field(() => [String])
  breakdownsNotCollected!: string[];
}

@ObjectType('Release', { description: 'A numbered, immutable release of protected cubes.' })
export class ReleaseModel {
  @Field(() => Int)
  number!: number;

  @Field()
  publishedAt!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'CELL_KEY, SUPPRESSION or NONE (tests only).' })
  disclosureMethod!: string;

  @Field(() => Int, { description: 'k of the threshold rule (suppression) or of the low-reliability flag u (cell key).' })
  smallCountThreshold!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Revision policy: a published country and time is revised only once at least this many persons changed in it; ' +
      'fewer changes are held for a later release (null: published before the policy).',
  })
  revisionMinChanges!: number | null;

  @Field()
  standardVersion!: string;

  @Field(() => [ReleaseDatasetModel])
  datasets!: ReleaseDatasetModel[];

  @Field(() => [ReleaseCoverageModel])
  coverage!: ReleaseCoverageModel[];
}
