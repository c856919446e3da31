import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PeriodScalar } from '#app/platform';

@ObjectType('NodeKey', { description: 'A public signing key of a node; retired keys no longer verify anything.' })
export class NodeKeyModel {
  @Field({ description: 'RFC 7638 thumbprint of the key, the `kid` of every JWS the node signs with it.' })
  kid!: string;

  @Field({ description: 'The public JWK as JSON text.' })
  publicJwk!: string;

  @Field()
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field()
  active!: boolean;
}

@ObjectType('NodeLastSubmission', { description: 'The latest return the hub accepted from a node.' })
export class NodeLastSubmissionModel {
  @Field()
  returnId!: string;

  @Field()
  country!: string;

  @Field(() => PeriodScalar)
  period!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => Int)
  recordCount!: number;

  @Field()
  receivedAt!: Date;
}

@ObjectType('Node', { description: 'A national node registered at the hub.' })
export class NodeModel {
  @Field()
  nodeId!: string;

  @Field(() => [String], { description: 'Countries (Eurostat alpha-2) the node may report for.' })
  countries!: string[];

  @Field()
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => [NodeKeyModel])
  keys!: NodeKeyModel[];

  @Field(() => NodeLastSubmissionModel, { nullable: true })
  lastSubmission!: NodeLastSubmissionModel | null;
}
