import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AccessLogEntry', { description: 'One request for published (or previewed) figures.' })
export class AccessLogEntryModel {
  @Field()
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Token subject (account id); null when anonymous.' })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: 'Role(s) the caller acted in; null when anonymous.' })
  role!: string | null;

  @Field({ description: 'figures, comparativeReport, previewFigures, export or reportPage.' })
  operation!: string;

  @Field(() => String, { nullable: true })
  dataset!: string | null;

  @Field(() => Int, { nullable: true })
  release!: number | null;

  @Field(() => String, { nullable: true, description: 'Export format, or html or pdf for the report page.' })
  format!: string | null;

  @Field(() => String, { nullable: true, description: 'Country of a preview of unreleased figures.' })
  country!: string | null;
}
