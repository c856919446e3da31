import { Buffer } from 'node:buffer';
import { CryptoException, JwsTypes, verifyJws, type PublicSigningJwk } from '@app/crypto';
import { OutboxKind } from './outbox-state.js';

/** The hub's signature on its receipts; the contract fixes this value. */
const HUB_NAME = 'thb-hub';

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

/** What a verified receipt states beyond the acknowledgement (revocations only). */
export interface ReceiptFacts {
  /** Records the hub erased. */
  readonly erased?: number;
  /** What the revocation promises for published figures (receipts of an older hub have none). */
  readonly figuresPromise?: string;
}

const MAX_PROMISE_LENGTH = 2000;

export type ReceiptCheck =
  | { readonly valid: true; readonly receivedAt: Date; readonly facts: ReceiptFacts }
  | { readonly valid: false; readonly code: string };

/**
 * Verifies a receipt against the hub's keys and against the message it acknowledges: the right kind, message id,
 * node, country, and for a return the same period, revision and record count. A receipt for another message (or a
 * replayed one) is as worthless as a forged one.
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
  const mismatch = () => ({ valid: false as const, code: 'RECEIPT_MISMATCH' });
  if (
    payload['kind'] !== message.kind ||
    payload['messageId'] !== message.id ||
    payload['nodeId'] !== party.nodeId ||
    payload['country'] !== party.country ||
    payload['hub'] !== HUB_NAME
  ) {
    return mismatch();
  }
  const receivedAt = typeof payload['receivedAt'] === 'string' ? new Date(payload['receivedAt']) : undefined;
  if (receivedAt === undefined || Number.isNaN(receivedAt.getTime())) return mismatch();
  if (message.kind === OutboxKind.RETURN) {
    const sent = sentPayloadOf(message.payload);
    const records = sent['records'];
    if (
      payload['period'] !== sent['period'] ||
      payload['revision'] !== sent['revision'] ||
      !Array.isArray(records) ||
      payload['recordCount'] !== records.length
    ) {
      return mismatch();
    }
    return { valid: true, receivedAt, facts: {} };
  }
  const erased = payload['erased'];
  if (typeof erased !== 'number' || !Number.isSafeInteger(erased) || erased < 0) return mismatch();
  const promise = payload['figuresPromise'];
  if (promise === undefined) return { valid: true, receivedAt, facts: { erased } };
  if (typeof promise !== 'string' || promise.length === 0 || promise.length > MAX_PROMISE_LENGTH) return mismatch();
  return { valid: true, receivedAt, facts: { erased, figuresPromise: promise } };
}

/** The payload of a JWS this node signed itself (so it is trusted and well-formed). */
function sentPayloadOf(jws: string): Record<string, unknown> {
  const encoded = jws.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
}
