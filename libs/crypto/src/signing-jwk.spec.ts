import { describe, expect, it } from '@jest/globals';
import { CompactSign, calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import { deriveNodeKeys } from './key-derivation.js';
import type { MasterSecret } from './secret-key.js';
import { publicSigningJwkFrom, signingKeyToJwk } from './signing-jwk.js';
import { sodium } from './sodium.js';

// RFC 8037, Appendix A.1 (key), A.3 (thumbprint) and A.4 (signature over "Example of Ed25519 signing").
const rfc8037 = {
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  thumbprint: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
  payload: 'Example of Ed25519 signing',
  jws:
    'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.' +
    'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
};

function rfcKeyPair() {
  return sodium.crypto_sign_seed_keypair(Buffer.from(rfc8037.d, 'base64url'));
}

async function expectMalformed(promise: Promise<unknown>, reason: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CryptoException);
  expect((error as CryptoException).code).toBe(CryptoErrorCode.MALFORMED);
  expect((error as CryptoException).message).toMatch(reason);
}

describe('signingKeyToJwk', () => {
  it('matches the RFC 8037 example key and its RFC 7638 thumbprint', async () => {
    const jwks = await signingKeyToJwk(rfcKeyPair());
    expect(jwks.public).toEqual({ kty: 'OKP', crv: 'Ed25519', x: rfc8037.x, kid: rfc8037.thumbprint, alg: 'EdDSA', use: 'sig' });
    expect(jwks.private).toEqual({ ...jwks.public, d: rfc8037.d });
  });

  it('gives jose keys that reproduce the RFC 8037 signature and verify it', async () => {
    const jwks = await signingKeyToJwk(rfcKeyPair());
    const privateKey = await importJWK(jwks.private, 'EdDSA');
    const publicKey = await importJWK(jwks.public, 'EdDSA');
    const jws = await new CompactSign(Buffer.from(rfc8037.payload)).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
    expect(jws).toBe(rfc8037.jws);
    const { payload } = await compactVerify(jws, publicKey);
    expect(Buffer.from(payload).toString()).toBe(rfc8037.payload);
  });

  it('never puts the private seed in the public JWK', async () => {
    const { signing } = deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret);
    const jwks = await signingKeyToJwk(signing);
    expect(jwks.public).not.toHaveProperty('d');
    expect(JSON.stringify(jwks.public)).not.toContain(jwks.private.d);
    expect(jwks.public.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwks.public.x }));
  });

  it('refuses a pair with wrong lengths', async () => {
    await expectMalformed(
      signingKeyToJwk({ publicKey: new Uint8Array(31), privateKey: new Uint8Array(64) }),
      /32-byte public and a 64-byte private/,
    );
  });
});

describe('publicSigningJwkFrom', () => {
  it('accepts a bare Ed25519 JWK and completes it with kid, alg and use', async () => {
    await expect(publicSigningJwkFrom({ kty: 'OKP', crv: 'Ed25519', x: rfc8037.x })).resolves.toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: rfc8037.x,
      kid: rfc8037.thumbprint,
      alg: 'EdDSA',
      use: 'sig',
    });
  });

  it('accepts its own output unchanged', async () => {
    const { public: publicJwk } = await signingKeyToJwk(rfcKeyPair());
    await expect(publicSigningJwkFrom(JSON.parse(JSON.stringify(publicJwk)))).resolves.toEqual(publicJwk);
  });

  it.each([
    ['a non-object', [rfc8037.x], /not a JSON object/],
    ['null', null, /not a JSON object/],
    ['a private key', { kty: 'OKP', crv: 'Ed25519', x: rfc8037.x, d: rfc8037.d }, /private key/],
    ['an X25519 key', { kty: 'OKP', crv: 'X25519', x: rfc8037.x }, /only OKP keys on Ed25519/],
    ['an EC key', { kty: 'EC', crv: 'P-256', x: rfc8037.x, y: rfc8037.x }, /only OKP keys on Ed25519/],
    ['another alg', { kty: 'OKP', crv: 'Ed25519', x: rfc8037.x, alg: 'ES256' }, /alg is not EdDSA/],
    ['an encryption key', { kty: 'OKP', crv: 'Ed25519', x: rfc8037.x, use: 'enc' }, /use is not sig/],
    ['a short x', { kty: 'OKP', crv: 'Ed25519', x: rfc8037.x.slice(0, 40) }, /x is not a 32-byte/],
    ['a foreign kid', { kty: 'OKP', crv: 'Ed25519', x: rfc8037.x, kid: 'node-at-1' }, /kid is not the RFC 7638 thumbprint/],
  ])('refuses %s', async (_label, value, reason) => {
    await expectMalformed(publicSigningJwkFrom(value), reason);
  });
});
