import { MessageKind } from './messages.js';

/** The name the hub signs its receipts with (`hub` in every receipt). */
export const HUB_NAME = 'thb-hub';

/** Longest revocation promise a node accepts (a receipt is small; a promise is a paragraph). */
export const MAX_PROMISE_LENGTH = 2000;

export interface ReturnReceiptPayload {
  readonly kind: MessageKind.RETURN;
  readonly messageId: string;
  readonly nodeId: string;
  readonly country: string;
  readonly period: string;
  readonly revision: number;
  readonly recordCount: number;
  readonly receivedAt: string;
}

export interface RevocationReceiptPayload {
  readonly kind: MessageKind.REVOCATION;
  readonly messageId: string;
  readonly nodeId: string;
  readonly country: string;
  readonly erased: number;
  readonly receivedAt: string;
  /** What the person is promised for published figures (revision policy), in words a steward can pass on. */
  readonly figuresPromise: string;
}

/** What a receipt acknowledges: a quarterly return or a revocation notice. */
export type ReceiptPayload = ReturnReceiptPayload | RevocationReceiptPayload;

/** The claims of a signed receipt: its payload and the hub's name. */
export type ReceiptClaims = ReceiptPayload & { readonly hub: typeof HUB_NAME };

export function receiptClaims(payload: ReceiptPayload): ReceiptClaims {
  return { ...payload, hub: HUB_NAME };
}

/** What the node sent, against which a receipt is checked. */
export type SentMessage =
  | {
      readonly kind: MessageKind.RETURN;
      readonly messageId: string;
      readonly nodeId: string;
      readonly country: string;
      readonly period: unknown;
      readonly revision: unknown;
      readonly recordCount: number | undefined;
    }
  | { readonly kind: MessageKind.REVOCATION; readonly messageId: string; readonly nodeId: string; readonly country: string };

/** What a verified receipt states beyond the acknowledgement (revocations only). */
export interface ReceiptFacts {
  /** Records the hub erased. */
  readonly erased?: number;
  /** What the revocation promises for published figures (receipts of an older hub have none). */
  readonly figuresPromise?: string;
}

export type ReceiptClaimsCheck =
  | { readonly valid: true; readonly receivedAt: Date; readonly facts: ReceiptFacts }
  | { readonly valid: false; readonly code: 'RECEIPT_MISMATCH' };

/**
 * Checks the claims of a receipt whose signature is already verified against the message it acknowledges: the
 * right kind, message id, node, country and hub, and for a return the same period, revision and record count. A
 * receipt for another message (or a replayed one) is as worthless as a forged one.
 */
export function checkReceiptClaims(verified: object, sent: SentMessage): ReceiptClaimsCheck {
  const claims = verified as Readonly<Record<string, unknown>>;
  const mismatch = { valid: false as const, code: 'RECEIPT_MISMATCH' as const };
  if (
    claims['kind'] !== sent.kind ||
    claims['messageId'] !== sent.messageId ||
    claims['nodeId'] !== sent.nodeId ||
    claims['country'] !== sent.country ||
    claims['hub'] !== HUB_NAME
  ) {
    return mismatch;
  }
  const receivedAt = typeof claims['receivedAt'] === 'string' ? new Date(claims['receivedAt']) : undefined;
  if (receivedAt === undefined || Number.isNaN(receivedAt.getTime())) return mismatch;
  if (sent.kind === MessageKind.RETURN) {
    if (
      claims['period'] !== sent.period ||
      claims['revision'] !== sent.revision ||
      sent.recordCount === undefined ||
      claims['recordCount'] !== sent.recordCount
    ) {
      return mismatch;
    }
    return { valid: true, receivedAt, facts: {} };
  }
  const erased = claims['erased'];
  if (typeof erased !== 'number' || !Number.isSafeInteger(erased) || erased < 0) return mismatch;
  const promise = claims['figuresPromise'];
  if (promise === undefined) return { valid: true, receivedAt, facts: { erased } };
  if (typeof promise !== 'string' || promise.length === 0 || promise.length > MAX_PROMISE_LENGTH) return mismatch;
  return { valid: true, receivedAt, facts: { erased, figuresPromise: promise } };
}
