import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class RotateNodeKeyInput {
  @Field()
  nodeId!: string;

  @Field({ description: 'The new public JWK as JSON text.' })
  publicJwk!: string;

  @Field({ defaultValue: true, description: "Retire the node's other keys at once (false keeps them for a grace period)." })
  retirePrevious!: boolean;
}
