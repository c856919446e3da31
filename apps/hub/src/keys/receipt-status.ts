import { registerEnumType } from '@nestjs/graphql';

/** How the hub answered a signed message (contract, sections 1 and 2). */
export enum ReceiptStatus {
  /** Applied now. */
  ACCEPTED = 'ACCEPTED',
  /** Applied before under the same id; the receipt is the one sent then. */
  DUPLICATE = 'DUPLICATE',
}

registerEnumType(ReceiptStatus, { name: 'ReceiptStatus', description: 'How the hub answered a signed message.' });
