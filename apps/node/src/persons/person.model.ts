import { Field, Int, ObjectType } from '@nestjs/graphql';
import { UuidScalar } from '#app/platform';
import { RegistrationModel } from './registration.model.js';

@ObjectType('Consent')
export class ConsentModel {
  @Field({ description: 'Consent to national statistical use is in force.' })
  statistics!: boolean;

  @Field(() => String, { nullable: true })
  statisticsGivenOn!: string | null;

  @Field({ description: 'Consent to transmission to the hub is in force (never after a revocation).' })
  international!: boolean;

  @Field(() => String, { nullable: true })
  internationalGivenOn!: string | null;
}

/** A person as the node's rapporteurs and stewards see it; the identity is read separately (`personIdentity`). */
@ObjectType('Person')
export class PersonModel {
  @Field(() => UuidScalar, { description: "The node's internal person id." })
  id!: string;

  @Field(() => String, { nullable: true })
  externalRef!: string | null;

  @Field({ description: 'What the hub knows this person by.' })
  pseudonym!: string;

  @Field(() => ConsentModel)
  consent!: ConsentModel;

  @Field({ description: 'Consent was revoked: identity destroyed, excluded from returns.' })
  revoked!: boolean;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => [RegistrationModel])
  registrations!: RegistrationModel[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('PersonPage')
export class PersonPageModel {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [PersonModel])
  items!: PersonModel[];
}
