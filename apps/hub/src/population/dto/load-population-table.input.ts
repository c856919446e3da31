import { Field, InputType } from '@nestjs/graphql';

@InputType({ description: "A newer population table in Eurostat's bulk TSV layout, with where it came from." })
export class LoadPopulationTableInput {
  @Field({ description: 'The TSV text (first cell like `indic_de,geo\\\\time`, one column per year).' })
  tsv!: string;

  @Field({ description: 'Eurostat table id, e.g. `tps00001` or `demo_pjan`.' })
  tableId!: string;

  @Field()
  title!: string;

  @Field({ description: 'Who published it, e.g. `Eurostat`.' })
  source!: string;

  @Field(() => String, { nullable: true })
  sourceUrl?: string | null;

  @Field({ description: 'Date of extraction from the source (YYYY-MM-DD).' })
  extractionDate!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to `<tableId>@<extractionDate>`.' })
  version?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
