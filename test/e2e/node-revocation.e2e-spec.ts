import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openIdentity } from '#app/crypto';
import { eventually, NodeTestBed, TEST_COUNTRY, TEST_NODE_ID, type TestNode } from '../support/node-test-app.js';
import { NodeTestHub } from '../support/node-test-hub.js';
import {
  CORRECT_IDENTITY,
  CREATE_PERSON,
  PERSON_IDENTITY,
  personInput,
  RECORD_CONSENT,
  registrationInput,
  RETURNS,
  REVOCATIONS,
  REVOKE_CONSENT,
  SUBMIT_RETURN,
} from '../support/node-operations.js';
import { revocationPromise } from '../../apps/hub/src/revocations/revocation-promise.js';

interface Revocation {
  id: string;
  personId: string;
  pseudonym: string;
  state: string;
  lastErrorCode: string | null;
  erased: number | null;
  figuresPromise: string | null;
  receiptedAt: string | null;
}

interface StoredIdentityRow {
  ciphertext: Buffer;
  nonce: Buffer;
  wrapped_key: Buffer | null;
  wrap_nonce: Buffer | null;
}

describe('national node: consent and revocation', () => {
  let bed: NodeTestBed;
  let hub: NodeTestHub;
  let node: TestNode;
  const people: Array<{ id: string; pseudonym: string }> = [];

  const revocationOf = async (id: string): Promise<Revocation> => {
    const { revocations } = await node.data<{ revocations: Revocation[] }>(bed.tokens.steward, REVOCATIONS);
    const found = revocations.find((revocation) => revocation.id === id);
    if (found === undefined) throw new Error('revocation not listed');
    return found;
  };
  const submitAndDeliver = async (period: string) => {
    const { submitReturn } = await node.data(bed.tokens.rapporteur, SUBMIT_RETURN, { period });
    await eventually(
      'the return receipt',
      async () => (await node.data(bed.tokens.rapporteur, RETURNS, { period })).returns[0].state as string,
      (state) => state === 'RECEIPTED',
    );
    return submitReturn as { returnId: string; recordCount: number; withheld: { noConsent: number } };
  };
  const identityRow = async (personId: string): Promise<StoredIdentityRow> =>
    (
      await node.dataSource.query('SELECT ciphertext, nonce, wrapped_key, wrap_nonce FROM person_identity WHERE person_id = $1', [personId])
    )[0];

  beforeAll(async () => {
    bed = await NodeTestBed.create('revocation');
    hub = await NodeTestHub.start({ dir: bed.workDir, nodeId: TEST_NODE_ID, country: TEST_COUNTRY });
    node = await bed.start(bed.config({ url: hub.url, jwksFile: hub.jwksFile }));
    hub.registerNode(node.keyring.publicJwk);
    for (const [index, name] of ['Mara', 'Vera', 'Lina'].entries()) {
      const { createPerson } = await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({
          identity: { givenNames: name, birthDate: '1990-01-01' },
          consent: index === 2 ? null : { statistics: true, international: true },
          registrations: [registrationInput({ registrationDate: `2026-01-0${index + 1}` })],
        }),
      });
      people.push(createPerson);
    }
  });
  afterAll(async () => {
    await node?.close();
    await hub?.stop();
    await bed?.dispose();
  });

  it('records consent for a person who had none, keeping the international-needs-statistics rule', async () => {
    const [, , lina] = people;
    const refused = await node.graphql(bed.tokens.steward, RECORD_CONSENT, {
      personId: lina.id,
      input: { statistics: false, international: true },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ALLOWED', fields: ['input.international'] });
    const { recordConsent } = await node.data(bed.tokens.steward, RECORD_CONSENT, {
      personId: lina.id,
      input: { statistics: true, international: true, givenOn: '2026-01-20' },
    });
    expect(recordConsent.consent).toMatchObject({ international: true, internationalGivenOn: '2026-01-20' });
    const withdrawal = await node.graphql(bed.tokens.steward, RECORD_CONSENT, {
      personId: lina.id,
      input: { statistics: true, international: false },
    });
    expect(withdrawal.errors?.[0]?.extensions?.code).toBe('WITHDRAWAL_REQUIRES_REVOCATION');
  });

  it('revokes: shreds the identity, tells the hub, stores its verified receipt, and leaves the person out of the next return', async () => {
    const [mara] = people;
    const first = await submitAndDeliver('2026-Q1');
    expect(first.recordCount).toBe(3);
    const sealedBefore = await identityRow(mara.id);
    expect(sealedBefore.wrapped_key).not.toBeNull();

    const { revokeConsent } = await node.data<{ revokeConsent: Revocation }>(bed.tokens.steward, REVOKE_CONSENT, { personId: mara.id });
    expect(revokeConsent).toMatchObject({ personId: mara.id, pseudonym: mara.pseudonym, state: 'QUEUED' });
    const receipted = await eventually(
      'the revocation receipt',
      () => revocationOf(revokeConsent.id),
      (r) => r.state === 'RECEIPTED',
    );
    expect(receipted.erased).toBe(1);
    expect(receipted.receiptedAt).not.toBeNull();
    // The steward can tell the person what the hub promised in its signed receipt.
    expect(receipted.figuresPromise).toBe(revocationPromise(5));
    expect(hub.held.get('2026-Q1')?.records.map((record) => record['pseudonym'])).not.toContain(mara.pseudonym);

    // The vault cannot open the identity any more: its key is gone from the row.
    const unreadable = await node.graphql(bed.tokens.rapporteur, PERSON_IDENTITY, { personId: mara.id });
    expect(unreadable.errors?.[0]?.extensions?.code).toBe('IDENTITY_SHREDDED');
    const shredded = await identityRow(mara.id);
    expect(shredded.wrapped_key).toBeNull();
    expect(() =>
      openIdentity(
        mara.id,
        { ciphertext: shredded.ciphertext, nonce: shredded.nonce, wrappedKey: shredded.wrapped_key, wrapNonce: shredded.wrap_nonce },
        node.keyring.vaultKey,
      ),
    ).toThrow(expect.objectContaining({ code: 'KEY_SHREDDED' }));

    const second = await submitAndDeliver('2026-Q1');
    expect(second).toMatchObject({ recordCount: 2, withheld: { noConsent: 1, invalid: 0 } });
    const pseudonymsSent = hub.held.get('2026-Q1')?.records.map((record) => record['pseudonym']);
    expect(pseudonymsSent).toHaveLength(2);
    expect(pseudonymsSent).not.toContain(mara.pseudonym);
  });

  it('treats a revocation as final', async () => {
    const [mara] = people;
    const again = await node.graphql(bed.tokens.steward, REVOKE_CONSENT, { personId: mara.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_REVOKED');
    const consent = await node.graphql(bed.tokens.steward, RECORD_CONSENT, {
      personId: mara.id,
      input: { statistics: true, international: true },
    });
    expect(consent.errors?.[0]?.extensions?.code).toBe('ALREADY_REVOKED');
    const correction = await node.graphql(bed.tokens.rapporteur, CORRECT_IDENTITY, { personId: mara.id, identity: { givenNames: 'Mara' } });
    expect(correction.errors?.[0]?.extensions?.code).toBe('PERSON_REVOKED');
    const byRapporteur = await node.graphql(bed.tokens.rapporteur, REVOKE_CONSENT, { personId: people[1].id });
    expect(byRapporteur.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a forged receipt for a revocation: it stays unreceipted with the reason until a genuine one comes', async () => {
    const [, vera] = people;
    hub.receipts = 'FORGED';
    const { revokeConsent } = await node.data<{ revokeConsent: Revocation }>(bed.tokens.steward, REVOKE_CONSENT, { personId: vera.id });
    const refused = await eventually(
      'a refused receipt',
      () => revocationOf(revokeConsent.id),
      (r) => r.lastErrorCode === 'RECEIPT_BAD_SIGNATURE',
    );
    expect(refused).toMatchObject({ state: 'QUEUED', erased: null, receiptedAt: null });
    const queued = await node.data<{ revocations: Revocation[] }>(bed.tokens.steward, REVOCATIONS, { states: ['QUEUED'] });
    expect(queued.revocations.map((revocation) => revocation.id)).toEqual([revokeConsent.id]);

    hub.receipts = 'GENUINE';
    const receipted = await eventually(
      'the genuine receipt',
      () => revocationOf(revokeConsent.id),
      (r) => r.state === 'RECEIPTED',
    );
    expect(receipted.erased).toBe(1);
  });
});
