import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IdentityAccessChannel } from './identity-access.entity.js';

registerEnumType(IdentityAccessChannel, { name: 'IdentityAccessChannel', description: 'Where an identity was shown.' });

/** One entry of the node's audit log of identity reads. */
@ObjectType('IdentityAccess')
export class IdentityAccessModel {
  @Field(() => Date)
  accessedAt!: Date;

  @Field(() => String, { description: 'Account id of the reader (the token subject).' })
  subject!: string;

  @Field(() => IdentityAccessChannel)
  channel!: IdentityAccessChannel;
}
