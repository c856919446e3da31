import { describe, expect, it } from '@jest/globals';
import {
  JwsTypes,
  deriveHubKeys,
  deriveNodeKeys,
  openIdentity,
  pseudonymOf,
  publicSigningJwkFrom,
  sealIdentity,
  shredIdentity,
  signJws,
  signingKeyToJwk,
  verifyJws,
  type MasterSecret,
  type PublicSigningJwk,
} from '#app/crypto';
import { sodium } from './sodium.js';

describe('#app/crypto, as the node and the hub use it', () => {
  it('carries a pseudonymised return and a revocation receipt between a node and the hub', async () => {
    const nodeKeys = deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret);
    const hubKeys = deriveHubKeys(sodium.crypto_kdf_keygen() as MasterSecret);
    const nodeJwks = await signingKeyToJwk(nodeKeys.signing);
    const hubJwks = await signingKeyToJwk(hubKeys.signing);

    // Node: intake, then the quarterly return.
    const personId = 'AT-000000042';
    const stored = sealIdentity(personId, { givenNames: 'Olena', familyNames: 'Shevchenko' }, nodeKeys.vaultKey);
    const pseudonym = pseudonymOf(personId, nodeKeys.pseudonymKey);
    const compactReturn = await signJws(
      { period: '2026-Q3', records: [{ pseudonym, sex: 'F' }] },
      { privateJwk: nodeJwks.private, kid: nodeJwks.public.kid },
      { typ: JwsTypes.return },
    );

    // Hub: the node's key was registered from the public JWK the node printed.
    const registered = new Map<string, PublicSigningJwk>([[nodeJwks.public.kid, await publicSigningJwkFrom(nodeJwks.public)]]);
    const received = await verifyJws(compactReturn, (kid) => registered.get(kid), { typ: JwsTypes.return });
    expect(received.payload).toEqual({ period: '2026-Q3', records: [{ pseudonym, sex: 'F' }] });
    expect(JSON.stringify(received.payload)).not.toContain('Olena');

    // Revocation: the node shreds the vault key, the hub answers with a receipt the node verifies.
    const shredded = shredIdentity(stored);
    expect(() => openIdentity(personId, shredded, nodeKeys.vaultKey)).toThrow(expect.objectContaining({ code: 'KEY_SHREDDED' }));
    const receipt = await signJws(
      { pseudonym, erased: true },
      { privateJwk: hubJwks.private, kid: hubJwks.public.kid },
      {
        typ: JwsTypes.receipt,
      },
    );
    const hubKey = (kid: string) => (kid === hubJwks.public.kid ? hubJwks.public : undefined);
    await expect(verifyJws(receipt, hubKey, { typ: JwsTypes.receipt })).resolves.toMatchObject({ payload: { pseudonym } });
    await expect(verifyJws(receipt, hubKey, { typ: JwsTypes.return })).rejects.toMatchObject({ code: 'WRONG_TYPE' });
  });
});
