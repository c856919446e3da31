import { Field, ObjectType } from '@nestjs/graphql';
import { CountryMetadataModel } from '../country-metadata/country-metadata.model.js';

@ObjectType('Country', { description: 'A country the hub knows of, with the metadata that explains its figures.' })
export class CountryModel {
  @Field({ description: 'Eurostat spelling of ISO 3166-1 alpha-2 (EL, UK).' })
  code!: string;

  @Field()
  label!: string;

  @Field({ description: 'An active node reports for it.' })
  reporting!: boolean;

  @Field(() => [String], { description: 'Country groups it is a member of.' })
  groups!: string[];

  /** Resolved per field through a per-request DataLoader (CountryResolver). */
  @Field(() => [CountryMetadataModel], { description: 'Metadata entries by period: definition, threshold, breakdowns, footnote.' })
  metadata!: CountryMetadataModel[];

  @Field(() => [String], { description: 'The footnotes of its metadata entries, oldest first.' })
  footnotes!: string[];
}

@ObjectType('CountryGroup', { description: 'A group published as the sum of its member countries.' })
export class CountryGroupModel {
  @Field()
  id!: string;

  @Field()
  label!: string;

  @Field(() => [String])
  members!: string[];
}
