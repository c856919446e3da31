import { describe, expect, it } from '@jest/globals';
import { MessageKind } from './messages.js';
import { HUB_NAME, MAX_PROMISE_LENGTH, checkReceiptClaims, receiptClaims, type SentMessage } from './receipt.js';

const sentReturn: SentMessage = {
  kind: MessageKind.RETURN,
  messageId: 'r-1',
  nodeId: 'node-at',
  country: 'AT',
  period: '2026-Q1',
  revision: 2,
  recordCount: 10,
};
const returnClaims = receiptClaims({
  kind: MessageKind.RETURN,
  messageId: 'r-1',
  nodeId: 'node-at',
  country: 'AT',
  period: '2026-Q1',
  revision: 2,
  recordCount: 10,
  receivedAt: '2026-04-01T10:00:00Z',
});
const sentNotice: SentMessage = { kind: MessageKind.REVOCATION, messageId: 'n-1', nodeId: 'node-at', country: 'AT' };
const promise = 'Figures already published keep their values until enough other changes accumulate.';
const noticeClaims = receiptClaims({
  kind: MessageKind.REVOCATION,
  messageId: 'n-1',
  nodeId: 'node-at',
  country: 'AT',
  erased: 3,
  receivedAt: '2026-04-01T10:00:00Z',
  figuresPromise: promise,
});

describe('receipt claims', () => {
  it('carry the hub name and acknowledge exactly the message sent', () => {
    expect(returnClaims.hub).toBe(HUB_NAME);
    expect(checkReceiptClaims(returnClaims, sentReturn)).toEqual({ valid: true, receivedAt: new Date('2026-04-01T10:00:00Z'), facts: {} });
    const notice = checkReceiptClaims(noticeClaims, sentNotice);
    expect(notice.valid && notice.facts).toEqual({ erased: 3, figuresPromise: promise });
  });

  it.each([
    ['another message', { messageId: 'r-2' }],
    ['another node', { nodeId: 'node-de' }],
    ['another hub', { hub: 'not-the-hub' }],
    ['another revision', { revision: 1 }],
    ['another record count', { recordCount: 9 }],
    ['another kind', { kind: MessageKind.REVOCATION, erased: 0 }],
    ['no time', { receivedAt: 'yesterday' }],
  ])('refuse a receipt for %s', (_name, change) => {
    expect(checkReceiptClaims({ ...returnClaims, ...change }, sentReturn)).toEqual({ valid: false, code: 'RECEIPT_MISMATCH' });
  });

  it('refuse a revocation receipt with an impossible count or promise', () => {
    expect(checkReceiptClaims({ ...noticeClaims, erased: -1 }, sentNotice).valid).toBe(false);
    expect(checkReceiptClaims({ ...noticeClaims, figuresPromise: '' }, sentNotice).valid).toBe(false);
    expect(checkReceiptClaims({ ...noticeClaims, figuresPromise: 'x'.repeat(MAX_PROMISE_LENGTH + 1) }, sentNotice).valid).toBe(false);
    const older = { ...noticeClaims } as Record<string, unknown>;
    delete older['figuresPromise'];
    const check = checkReceiptClaims(older, sentNotice);
    expect(check.valid && check.facts).toEqual({ erased: 3 });
  });
});
