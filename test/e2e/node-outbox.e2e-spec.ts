import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwsTypes, verifyJws } from '#app/crypto';
import { eventually, NodeTestBed, TEST_COUNTRY, TEST_NODE_ID, type TestNode } from '../support/node-test-app.js';
import { NodeTestHub } from '../support/node-test-hub.js';
import { CREATE_PERSON, OUTBOX, personInput, registrationInput, RETURNS, SUBMIT_RETURN } from '../support/node-operations.js';

interface SubmittedReturn {
  returnId: string;
  revision: number;
  recordCount: number;
  withheld: { noConsent: number; invalid: number };
  state: string;
  attempts: number;
  lastErrorCode: string | null;
  hubStatus: string | null;
}

describe('national node: signed returns through the outbox', () => {
  let bed: NodeTestBed;
  let hub: NodeTestHub;
  let node: TestNode;

  const restartNode = async (overrides: Record<string, string | undefined> = {}) => {
    await node.close();
    node = await bed.start(bed.config({ url: hub.url, jwksFile: hub.jwksFile }, overrides));
  };
  const returnOf = async (returnId: string): Promise<SubmittedReturn> => {
    const { returns } = await node.data<{ returns: SubmittedReturn[] }>(bed.tokens.rapporteur, RETURNS, {});
    const found = returns.find((candidate) => candidate.returnId === returnId);
    if (found === undefined) throw new Error('return not listed');
    return found;
  };
  const submit = async (period: string): Promise<SubmittedReturn> =>
    (await node.data<{ submitReturn: SubmittedReturn }>(bed.tokens.rapporteur, SUBMIT_RETURN, { period })).submitReturn;
  const acceptedCount = (messageId: string) => hub.accepted.filter((entry) => entry.messageId === messageId).length;

  beforeAll(async () => {
    bed = await NodeTestBed.create('outbox');
    hub = await NodeTestHub.start({ dir: bed.workDir, nodeId: TEST_NODE_ID, country: TEST_COUNTRY });
    node = await bed.start(bed.config({ url: hub.url, jwksFile: hub.jwksFile }));
    hub.registerNode(node.keyring.publicJwk);
    const consented = { statistics: true, international: true, givenOn: '2026-01-05' };
    for (const [index, consent] of [consented, consented, { statistics: true, international: false }].entries()) {
      await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({ consent, registrations: [registrationInput({ registrationDate: `2026-01-1${index}` })] }),
      });
    }
  });
  afterAll(async () => {
    await node?.close();
    await hub?.stop();
    await bed?.dispose();
  });

  it('signs the return as an EdDSA JWS with the node kid, delivers it and verifies the hub receipt', async () => {
    const submitted = await submit('2026-Q1');
    expect(submitted).toMatchObject({ revision: 1, recordCount: 2, withheld: { noConsent: 1, invalid: 0 }, state: 'PENDING' });
    const delivered = await eventually(
      'the receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
    expect(delivered).toMatchObject({ hubStatus: 'ACCEPTED', lastErrorCode: null, attempts: 1 });

    const jws = (JSON.parse(hub.bodies.at(-1) as string) as { variables: { jws: string } }).variables.jws;
    const verified = await verifyJws(jws, (kid) => (kid === node.keyring.publicJwk.kid ? node.keyring.publicJwk : undefined), {
      typ: JwsTypes.return,
    });
    expect(verified.header).toMatchObject({ alg: 'EdDSA', typ: 'thb-return+jws', kid: node.keyring.publicJwk.kid });
    expect(verified.payload).toMatchObject({
      returnId: submitted.returnId,
      nodeId: TEST_NODE_ID,
      country: 'AT',
      period: '2026-Q1',
      revision: 1,
    });
    expect(hub.held.get('2026-Q1')?.records).toHaveLength(2);
  });

  it('gives a resubmitted period a higher revision, which replaces the earlier one at the hub', async () => {
    const submitted = await submit('2026-Q1');
    expect(submitted.revision).toBe(2);
    await eventually(
      'the receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
    expect(hub.held.get('2026-Q1')).toMatchObject({ returnId: submitted.returnId, revision: 2 });
  });

  it('delivers exactly once when the node is stopped between signing and delivery and started again', async () => {
    await hub.goDown();
    const submitted = await submit('2026-Q1');
    await eventually(
      'a failed attempt',
      () => returnOf(submitted.returnId),
      (r) => r.attempts >= 1 && r.lastErrorCode === 'HUB_UNREACHABLE',
    );
    await node.close();
    await hub.comeBack();
    node = await bed.start(bed.config({ url: hub.url, jwksFile: hub.jwksFile }));
    const delivered = await eventually(
      'the receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
    expect(delivered.revision).toBe(3);
    expect(acceptedCount(submitted.returnId)).toBe(1);
  });

  it('retries with backoff while the hub is down and delivers when it comes back', async () => {
    await hub.goDown();
    const submitted = await submit('2026-Q1');
    const failing = await eventually(
      'several attempts',
      () => returnOf(submitted.returnId),
      (r) => r.attempts >= 3,
    );
    expect(failing).toMatchObject({ state: expect.stringMatching(/^(PENDING|SENDING)$/), lastErrorCode: 'HUB_UNREACHABLE' });
    await hub.comeBack();
    await eventually(
      'the receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
    expect(acceptedCount(submitted.returnId)).toBe(1);
  });

  it('retries a delivery left in progress by a crashed process once its lease runs out', async () => {
    await hub.goDown();
    const submitted = await submit('2026-Q1');
    await node.close();
    // What a process killed mid-delivery leaves behind: the message claimed, with a lease that has not yet run out.
    await bed.withDatabase((dataSource) =>
      dataSource.query(`UPDATE outbox_message SET state = 'SENDING', lease_until = now() + interval '1500 milliseconds' WHERE id = $1`, [
        submitted.returnId,
      ]),
    );
    await hub.comeBack();
    node = await bed.start(bed.config({ url: hub.url, jwksFile: hub.jwksFile }));
    expect((await returnOf(submitted.returnId)).state).toBe('SENDING');
    const delivered = await eventually(
      'the receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
    expect(delivered.lastErrorCode).toBeNull();
    expect(acceptedCount(submitted.returnId)).toBe(1);
  });

  it('rejects a forged receipt: the return stays undelivered with the reason, and is retried', async () => {
    hub.receipts = 'FORGED';
    const submitted = await submit('2026-Q1');
    const refused = await eventually(
      'a refused receipt',
      () => returnOf(submitted.returnId),
      (r) => r.lastErrorCode === 'RECEIPT_BAD_SIGNATURE',
    );
    expect(refused.state).toMatch(/^(PENDING|SENDING)$/);
    const { outbox } = await node.data(bed.tokens.steward, OUTBOX, { states: ['PENDING', 'SENDING'] });
    expect(outbox.map((message: { id: string }) => message.id)).toContain(submitted.returnId);
    expect(JSON.stringify(outbox)).not.toMatch(/eyJ/);

    hub.receipts = 'GENUINE';
    const delivered = await eventually(
      'the genuine receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
    expect(delivered.hubStatus).toBe('DUPLICATE');
    expect(acceptedCount(submitted.returnId)).toBe(1);
  });

  it('without the hub key, stores the receipt unverified (DELIVERED) and verifies it once the key is configured', async () => {
    await restartNode({ HUB_JWKS_FILE: undefined });
    const submitted = await submit('2026-Q1');
    await eventually(
      'the delivery',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'DELIVERED',
    );
    await restartNode();
    await eventually(
      'the verified receipt',
      () => returnOf(submitted.returnId),
      (r) => r.state === 'RECEIPTED',
    );
  });
});
