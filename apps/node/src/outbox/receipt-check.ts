import { Buffer } from 'node:buffer';
import { CryptoException, JwsTypes, verifyJws, type PublicSigningJwk } from '#app/crypto';
import { checkReceiptClaims, type ReceiptFacts } from '#app/contract';
import { OutboxKind } from './outbox-state.js';

export interface DeliveredMessage {
  readonly id: string;
  readonly kind: OutboxKind;
  /** The compact JWS this node signed and sent. */
  readonly payload: string;
}

export interface ReceiptParty {
  readonly nodeId: string;
  readonly country: string;
}

export type ReceiptCheck =
  { readonly valid: true; readonly receivedAt: Date; readonly facts: ReceiptFacts } | { readonly valid: false; readonly code: string };

/**
 * Verifies a receipt against the hub's keys, then its claims against the message it acknowledges (the contract's
 * `checkReceiptClaims`).
 */
export async function checkReceipt(
  receipt: string,
  message: DeliveredMessage,
  party: ReceiptParty,
  hubKeys: ReadonlyMap<string, PublicSigningJwk>,
): Promise<ReceiptCheck> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await verifyJws(receipt, (kid) => hubKeys.get(kid), { typ: JwsTypes.receipt, maxBytes: 64 * 1024 }));
  } catch (error) {
    return { valid: false, code: `RECEIPT_${error instanceof CryptoException ? error.code : 'MALFORMED'}` };
  }
  if (message.kind === OutboxKind.RETURN) {
    const sent = sentPayloadOf(message.payload);
    const records = sent['records'];
    return checkReceiptClaims(payload, {
      kind: message.kind,
      messageId: message.id,
      nodeId: party.nodeId,
      country: party.country,
      period: sent['period'],
      revision: sent['revision'],
      recordCount: Array.isArray(records) ? records.length : undefined,
    });
  }
  return checkReceiptClaims(payload, { kind: message.kind, messageId: message.id, nodeId: party.nodeId, country: party.country });
}

/** The payload of a JWS this node signed itself (so it is trusted and well-formed). */
function sentPayloadOf(jws: string): Record<string, unknown> {
  const encoded = jws.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
}
