import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CodeListEntry')
export class CodeListEntryModel {
  @Field()
  code!: string;

  @Field()
  label!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'First day the code applies (YYYY-MM-DD).' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day the code applies (YYYY-MM-DD).' })
  validTo!: string | null;

  @Field(() => [String], { nullable: true, description: 'Members of a country group.' })
  members!: string[] | null;
}

@ObjectType('CodeList', { description: 'A code list of the data standard (schemas/code-lists/<id>.json).' })
export class CodeListModel {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  standardVersion!: string;

  @Field(() => [CodeListEntryModel])
  codes!: CodeListEntryModel[];
}
