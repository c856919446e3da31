import { Field, ObjectType } from '@nestjs/graphql';

/** A person's identity, decrypted from the vault for a rapporteur of this node. Exists only in the node's API. */
@ObjectType('Identity')
export class IdentityModel {
  @Field(() => String, { nullable: true })
  givenNames!: string | null;

  @Field(() => String, { nullable: true })
  familyNames!: string | null;

  @Field(() => String, { nullable: true })
  birthDate!: string | null;

  @Field(() => [String])
  documentNumbers!: string[];

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;
}
