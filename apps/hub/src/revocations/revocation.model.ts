import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ReceiptStatus } from '../keys/receipt-status.js';

@ObjectType('RevocationReceipt', { description: "The hub's answer to a signed revocation notice." })
export class RevocationReceiptModel {
  @Field()
  noticeId!: string;

  @Field(() => ReceiptStatus)
  status!: ReceiptStatus;

  @Field(() => Int, { description: 'Records erased when the notice was applied.' })
  erased!: number;

  @Field({ description: 'Compact JWS (typ thb-receipt+jws) signed by the hub.' })
  receipt!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the revocation promises for published figures, as signed in the receipt (null for receipts of an older hub).',
  })
  figuresPromise!: string | null;
}

@ObjectType('Revocation', { description: 'An entry of the revocation ledger (never the pseudonyms).' })
export class RevocationModel {
  @Field()
  noticeId!: string;

  @Field()
  nodeId!: string;

  @Field()
  country!: string;

  @Field(() => Int, { description: 'Pseudonyms the notice named.' })
  pseudonymCount!: number;

  @Field(() => Int, { description: 'Records erased.' })
  erased!: number;

  @Field()
  issuedAt!: Date;

  @Field()
  receivedAt!: Date;
}
