import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { HUB_NAME } from '#app/contract';
import {
  deriveHubKeys,
  deriveNodeKeys,
  JwsTypes,
  signingKeyToJwk,
  signJws,
  type JwsSigningKey,
  type MasterSecret,
  type PublicSigningJwk,
} from '#app/crypto';
import { OutboxKind } from './outbox-state.js';
import { checkReceipt, type DeliveredMessage } from './receipt-check.js';

const party = { nodeId: 'node-at', country: 'AT' };
const returnId = '0b7f6c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f';

async function keyPair(kind: 'hub' | 'node'): Promise<{ signing: JwsSigningKey; publicJwk: PublicSigningJwk }> {
  const master = randomBytes(32) as unknown as MasterSecret;
  const jwks = await signingKeyToJwk(kind === 'hub' ? deriveHubKeys(master).signing : deriveNodeKeys(master).signing);
  return { signing: { privateJwk: jwks.private, kid: jwks.public.kid }, publicJwk: jwks.public };
}

describe('checkReceipt', () => {
  let hub: Awaited<ReturnType<typeof keyPair>>;
  let node: Awaited<ReturnType<typeof keyPair>>;
  let message: DeliveredMessage;
  let hubKeys: Map<string, PublicSigningJwk>;
  const receiptPayload = (overrides: Record<string, unknown> = {}) => ({
    kind: 'RETURN',
    messageId: returnId,
    nodeId: 'node-at',
    country: 'AT',
    period: '2026-Q1',
    revision: 3,
    recordCount: 2,
    receivedAt: '2026-04-03T08:00:00.000Z',
    hub: HUB_NAME,
    ...overrides,
  });

  beforeAll(async () => {
    hub = await keyPair('hub');
    node = await keyPair('node');
    hubKeys = new Map([[hub.publicJwk.kid, hub.publicJwk]]);
    const sent = { returnId, period: '2026-Q1', revision: 3, records: [{}, {}] };
    message = { id: returnId, kind: OutboxKind.RETURN, payload: await signJws(sent, node.signing, { typ: JwsTypes.return }) };
  });

  it('accepts a receipt the hub signed for this very message', async () => {
    const receipt = await signJws(receiptPayload(), hub.signing, { typ: JwsTypes.receipt });
    expect(await checkReceipt(receipt, message, party, hubKeys)).toEqual({
      valid: true,
      receivedAt: new Date('2026-04-03T08:00:00.000Z'),
      facts: {},
    });
  });

  it('refuses a receipt signed by another key claiming the hub kid', async () => {
    const forger = await keyPair('hub');
    const forged = await signJws(
      receiptPayload(),
      { privateJwk: { ...forger.signing.privateJwk, kid: hub.publicJwk.kid }, kid: hub.publicJwk.kid },
      { typ: JwsTypes.receipt },
    );
    expect(await checkReceipt(forged, message, party, hubKeys)).toEqual({ valid: false, code: 'RECEIPT_BAD_SIGNATURE' });
  });

  it('refuses a receipt from an unknown key, of the wrong type, or malformed', async () => {
    const stranger = await keyPair('hub');
    expect(
      await checkReceipt(await signJws(receiptPayload(), stranger.signing, { typ: JwsTypes.receipt }), message, party, hubKeys),
    ).toEqual({ valid: false, code: 'RECEIPT_UNKNOWN_KEY' });
    expect(await checkReceipt(await signJws(receiptPayload(), hub.signing, { typ: JwsTypes.return }), message, party, hubKeys)).toEqual({
      valid: false,
      code: 'RECEIPT_WRONG_TYPE',
    });
    expect(await checkReceipt('not.a.jws', message, party, hubKeys)).toEqual({ valid: false, code: 'RECEIPT_MALFORMED' });
  });

  it.each([
    ['another message', { messageId: '11111111-1111-4111-8111-111111111111' }],
    ['another node', { nodeId: 'node-de' }],
    ['another country', { country: 'DE' }],
    ['another revision', { revision: 2 }],
    ['another record count', { recordCount: 3 }],
    ['another kind', { kind: 'REVOCATION', erased: 0 }],
    ['no time of receipt', { receivedAt: 'yesterday' }],
  ])('refuses a genuine receipt for %s', async (_what, overrides) => {
    const receipt = await signJws(receiptPayload(overrides), hub.signing, { typ: JwsTypes.receipt });
    expect(await checkReceipt(receipt, message, party, hubKeys)).toEqual({ valid: false, code: 'RECEIPT_MISMATCH' });
  });

  it('reads what a revocation receipt says the hub erased', async () => {
    const noticeId = '22222222-2222-4222-8222-222222222222';
    const revocation: DeliveredMessage = { id: noticeId, kind: OutboxKind.REVOCATION, payload: 'unused' };
    const payload = {
      kind: 'REVOCATION',
      messageId: noticeId,
      nodeId: 'node-at',
      country: 'AT',
      erased: 4,
      receivedAt: '2026-04-03T08:00:00Z',
      hub: HUB_NAME,
    };
    const receipt = await signJws(payload, hub.signing, { typ: JwsTypes.receipt });
    expect(await checkReceipt(receipt, revocation, party, hubKeys)).toMatchObject({ valid: true, facts: { erased: 4 } });
    const negative = await signJws({ ...payload, erased: -1 }, hub.signing, { typ: JwsTypes.receipt });
    expect(await checkReceipt(negative, revocation, party, hubKeys)).toEqual({ valid: false, code: 'RECEIPT_MISMATCH' });
  });

  it('reads the promise a revocation receipt makes for published figures, and refuses one that is not a short text', async () => {
    const noticeId = '6b1f0a6e-3c1f-4c50-9d55-9f0f7f1d2b3c';
    const revocation: DeliveredMessage = { id: noticeId, kind: OutboxKind.REVOCATION, payload: 'unused' };
    const payload = {
      kind: 'REVOCATION',
      messageId: noticeId,
      nodeId: 'node-at',
      country: 'AT',
      erased: 1,
      receivedAt: '2026-04-03T08:00:00Z',
      hub: HUB_NAME,
    };
    const promise = 'Erased from the hub when this receipt was issued.';
    const signed = await signJws({ ...payload, figuresPromise: promise }, hub.signing, { typ: JwsTypes.receipt });
    expect(await checkReceipt(signed, revocation, party, hubKeys)).toMatchObject({
      valid: true,
      facts: { erased: 1, figuresPromise: promise },
    });
    for (const bad of [42, '', 'x'.repeat(2001)]) {
      const wrong = await signJws({ ...payload, figuresPromise: bad }, hub.signing, { typ: JwsTypes.receipt });
      expect(await checkReceipt(wrong, revocation, party, hubKeys)).toEqual({ valid: false, code: 'RECEIPT_MISMATCH' });
    }
  });
});
