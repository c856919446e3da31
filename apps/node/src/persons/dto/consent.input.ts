import { Field, InputType } from '@nestjs/graphql';

/** Consent of a person (docs/DATA-STANDARD.md section 1): international transmission needs statistical use too. */
@InputType('ConsentInput')
export class ConsentInput {
  @Field({ description: 'Consent to national statistical use.' })
  statistics!: boolean;

  @Field({ description: 'Consent to transmission to the hub; only such persons appear in returns.' })
  international!: boolean;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the consent was given (default: today).' })
  givenOn?: string | null;
}
