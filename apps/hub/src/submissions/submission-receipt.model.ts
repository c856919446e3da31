import { Field, ObjectType } from '@nestjs/graphql';
import { ReceiptStatus } from '../keys/receipt-status.js';

@ObjectType('SubmissionReceipt', { description: "The hub's answer to a signed quarterly return." })
export class SubmissionReceiptModel {
  @Field()
  returnId!: string;

  @Field(() => ReceiptStatus)
  status!: ReceiptStatus;

  @Field({ description: 'Compact JWS (typ thb-receipt+jws) signed by the hub; verify with /.well-known/jwks.json.' })
  receipt!: string;
}
