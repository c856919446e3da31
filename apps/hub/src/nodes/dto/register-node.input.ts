import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class RegisterNodeInput {
  @Field({ description: 'Lower-case letters, digits and hyphens, e.g. `node-at`.' })
  nodeId!: string;

  @Field(() => [String], { description: 'Countries (Eurostat alpha-2, `EL` for Greece) the node reports for.' })
  countries!: string[];

  @Field({ description: 'The public JWK as JSON text, as printed by `npm run node:public-key`.' })
  publicJwk!: string;
}
