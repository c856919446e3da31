import { Field, InputType } from '@nestjs/graphql';

/** A person's identity block (docs/DATA-STANDARD.md section 1). Stored only sealed in the vault; never leaves the node. */
@InputType('IdentityInput')
export class IdentityInput {
  @Field(() => String, { nullable: true })
  givenNames?: string | null;

  @Field(() => String, { nullable: true })
  familyNames?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; gives the age group at each registration.' })
  birthDate?: string | null;

  @Field(() => [String], { nullable: true })
  documentNumbers?: string[] | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Free text; never leaves the node.' })
  notes?: string | null;
}
