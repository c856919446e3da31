import { Field, InputType } from '@nestjs/graphql';
import { IdentityInput } from '../../vault/dto/identity.input.js';
import { ConsentInput } from '../../persons/dto/consent.input.js';
import { RegistrationInput } from './registration.input.js';

@InputType('CreatePersonInput')
export class CreatePersonInput {
  @Field(() => String, { nullable: true, description: "A reference from the rapporteur's own system; unique in this node." })
  externalRef?: string | null;

  @Field(() => IdentityInput, { nullable: true })
  identity?: IdentityInput | null;

  @Field(() => ConsentInput, { nullable: true, description: 'Default: no consent recorded yet.' })
  consent?: ConsentInput | null;

  @Field(() => [RegistrationInput])
  registrations!: RegistrationInput[];
}
