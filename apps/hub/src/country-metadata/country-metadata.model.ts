import { Field, ObjectType } from '@nestjs/graphql';
import { PeriodScalar } from '#app/platform';

@ObjectType('CountryMetadata', { description: "What a country's figures mean from a period on." })
export class CountryMetadataModel {
  @Field()
  country!: string;

  @Field(() => PeriodScalar)
  validFrom!: string;

  @Field(() => PeriodScalar, { nullable: true })
  validTo!: string | null;

  @Field()
  legalDefinition!: string;

  @Field()
  identificationThreshold!: string;

  @Field()
  presumedVictimsIncluded!: boolean;

  @Field(() => [String])
  breakdownsNotCollected!: string[];

  @Field(() => String, { nullable: true })
  footnote!: string | null;

  @Field({ description: "The definition differs from the standard's (flag d on the country's figures)." })
  definitionDiffers!: boolean;

  @Field()
  updatedAt!: Date;
}
