import { Field, InputType } from '@nestjs/graphql';
import { PeriodScalar } from '#app/platform';
import type { Period } from '#app/standard';

@InputType({ description: "What a country's figures mean from a period on (docs/DATA-STANDARD.md section 4)." })
export class SetCountryMetadataInput {
  @Field({ description: 'Eurostat alpha-2 code.' })
  country!: string;

  @Field(() => PeriodScalar, { description: 'First period the entry applies to.' })
  validFrom!: Period;

  @Field(() => PeriodScalar, { nullable: true, description: 'Last period it applies to; omit while in force.' })
  validTo?: Period | null;

  @Field({ description: 'PALERMO, EU_DIRECTIVE, NATIONAL_NARROWER or NATIONAL_WIDER.' })
  legalDefinition!: string;

  @Field({ description: 'REFERRAL, AUTHORITY or PROCEEDINGS.' })
  identificationThreshold!: string;

  @Field()
  presumedVictimsIncluded!: boolean;

  @Field(() => [String], { description: 'Dimension ids (sex, age, citizen, ...) the country does not collect.' })
  breakdownsNotCollected!: string[];

  @Field(() => String, { nullable: true })
  footnote?: string | null;
}
