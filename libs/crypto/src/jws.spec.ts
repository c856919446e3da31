import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import { JwsTypes, signJws, verifyJws, type PublicKeyResolver, type VerifyJwsOptions } from './jws.js';
import { deriveNodeKeys } from './key-derivation.js';
import type { MasterSecret } from './secret-key.js';
import { signingKeyToJwk, type PublicSigningJwk } from './signing-jwk.js';
import { sodium } from './sodium.js';

const nodeKeys = deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret);
const node = await signingKeyToJwk(nodeKeys.signing);
const intruder = await signingKeyToJwk(deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret).signing);
const signer = { privateJwk: node.private, kid: node.public.kid };
const registry: PublicKeyResolver = (kid) => (kid === node.public.kid ? node.public : undefined);
const asReturn: VerifyJwsOptions = { typ: JwsTypes.return };

const returnPayload = {
  returnId: '8a1f0e55-2f0b-4c43-9d0c-5d0b7f1b2a10',
  nodeId: 'node-at',
  period: '2026-Q3',
  revision: 2,
  records: [{ pseudonym: 'KvgXZ6OKgMgEBaUntjcboeBDWj4TaQgwLEusppK2nhI', sex: 'F', note: 'SECRET-MARKER' }],
};

const encode = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');
const header = (fields: Record<string, unknown>): string => encode(JSON.stringify(fields));
const goodHeader = { alg: 'EdDSA', typ: JwsTypes.return, kid: node.public.kid, iat: 1_780_000_000 };

/** Signs arbitrary payload bytes with the node's real key and an arbitrary header, bypassing signJws's checks. */
async function signRaw(payload: string | Uint8Array, protectedHeader: Record<string, unknown> = goodHeader): Promise<string> {
  const key = await importJWK(node.private, 'EdDSA');
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return new CompactSign(bytes).setProtectedHeader({ ...protectedHeader, alg: 'EdDSA' }).sign(key);
}

async function refusal(promise: Promise<unknown>): Promise<CryptoException> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CryptoException);
  const exception = error as CryptoException;
  // No refusal may leak the signed content.
  expect(`${exception.message} ${JSON.stringify(exception.details)}`).not.toContain('SECRET-MARKER');
  return exception;
}

async function expectCode(promise: Promise<unknown>, code: CryptoErrorCode): Promise<CryptoException> {
  const exception = await refusal(promise);
  expect(exception.code).toBe(code);
  return exception;
}

describe('signJws and verifyJws', () => {
  it('round-trips a payload with kid, typ and iat in the protected header', async () => {
    const issuedAt = new Date('2026-10-05T09:30:15.900Z');
    const compact = await signJws(returnPayload, signer, { typ: JwsTypes.return, issuedAt });
    const verified = await verifyJws(compact, registry, asReturn);
    expect(verified.payload).toEqual(returnPayload);
    expect(verified.kid).toBe(node.public.kid);
    expect(verified.header).toEqual({ alg: 'EdDSA', typ: 'thb-return+jws', kid: node.public.kid, iat: 1_791_192_615 });
  });

  it('puts exactly alg, typ, kid and iat in the header and the caller object alone in the payload', async () => {
    const compact = await signJws(returnPayload, signer, { typ: JwsTypes.receipt });
    const [encodedHeader, encodedPayload] = compact.split('.') as [string, string];
    const decodedHeader = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString()) as Record<string, unknown>;
    expect(Object.keys(decodedHeader).sort()).toEqual(['alg', 'iat', 'kid', 'typ']);
    expect(Math.abs((decodedHeader['iat'] as number) - Date.now() / 1000)).toBeLessThan(600);
    expect(Buffer.from(encodedPayload, 'base64url').toString()).toBe(JSON.stringify(returnPayload));
  });

  it('accepts an asynchronous key resolver', async () => {
    const compact = await signJws({ a: 1 }, signer, { typ: JwsTypes.revocation });
    const verified = await verifyJws(compact, async (kid) => registry(kid), { typ: JwsTypes.revocation });
    expect(verified.payload).toEqual({ a: 1 });
  });

  it('refuses to sign a non-object or with a kid that is not the key', async () => {
    await expectCode(signJws([1, 2], signer, { typ: JwsTypes.return }), CryptoErrorCode.MALFORMED);
    const mismatched = { privateJwk: node.private, kid: intruder.public.kid };
    await expectCode(signJws({}, mismatched, { typ: JwsTypes.return }), CryptoErrorCode.MALFORMED);
    await expectCode(signJws({ count: 1n }, signer, { typ: JwsTypes.return }), CryptoErrorCode.MALFORMED);
  });
});

describe('verifyJws refuses other algorithms', () => {
  const signingInput = (alg: string): string => `${header({ ...goodHeader, alg })}.${encode(JSON.stringify(returnPayload))}`;

  it('refuses alg none with an empty signature', async () => {
    await expectCode(verifyJws(`${signingInput('none')}.`, registry, asReturn), CryptoErrorCode.UNSUPPORTED_ALGORITHM);
  });

  it('refuses HS256 keyed with the public key (algorithm confusion)', async () => {
    const publicKeyBytes = Buffer.from(node.public.x, 'base64url');
    for (const secret of [publicKeyBytes, Buffer.from(node.public.x), Buffer.from(JSON.stringify(node.public))]) {
      const input = signingInput('HS256');
      const signature = createHmac('sha256', secret).update(input).digest('base64url');
      await expectCode(verifyJws(`${input}.${signature}`, registry, asReturn), CryptoErrorCode.UNSUPPORTED_ALGORITHM);
    }
  });

  it('refuses ES256 and RS256 even when the resolver knows their keys', async () => {
    for (const alg of ['ES256', 'RS256'] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      const foreignJwk = { ...(await exportJWK(publicKey)), kid: node.public.kid } as unknown as PublicSigningJwk;
      const compact = await new CompactSign(Buffer.from(JSON.stringify(returnPayload)))
        .setProtectedHeader({ ...goodHeader, alg })
        .sign(privateKey);
      await expectCode(
        verifyJws(compact, () => foreignJwk, asReturn),
        CryptoErrorCode.UNSUPPORTED_ALGORITHM,
      );
      await expectCode(verifyJws(compact, registry, asReturn), CryptoErrorCode.UNSUPPORTED_ALGORITHM);
    }
  });

  it('refuses the fully specified Ed25519 name and a missing alg', async () => {
    await expectCode(verifyJws(`${signingInput('Ed25519')}.AAAA`, registry, asReturn), CryptoErrorCode.UNSUPPORTED_ALGORITHM);
    const withoutAlg = `${header({ typ: JwsTypes.return, kid: node.public.kid, iat: 1 })}.${encode('{}')}.AAAA`;
    await expectCode(verifyJws(withoutAlg, registry, asReturn), CryptoErrorCode.MALFORMED);
  });

  it('refuses a registered key that is not Ed25519', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const ecJwk = { ...(await exportJWK(publicKey)), kid: node.public.kid } as unknown as PublicSigningJwk;
    const compact = await signJws(returnPayload, signer, { typ: JwsTypes.return });
    await expectCode(
      verifyJws(compact, () => ecJwk, asReturn),
      CryptoErrorCode.UNSUPPORTED_ALGORITHM,
    );
  });
});

describe('verifyJws refuses the wrong sender or content', () => {
  it('refuses a receipt presented as a return, and a missing typ', async () => {
    const receipt = await signJws(returnPayload, signer, { typ: JwsTypes.receipt });
    const exception = await expectCode(verifyJws(receipt, registry, asReturn), CryptoErrorCode.WRONG_TYPE);
    expect(exception.details).toEqual({ expected: 'thb-return+jws', actual: 'thb-receipt+jws' });
    const untyped = await signRaw(JSON.stringify(returnPayload), { alg: 'EdDSA', kid: node.public.kid, iat: 1 });
    await expectCode(verifyJws(untyped, registry, asReturn), CryptoErrorCode.WRONG_TYPE);
  });

  it('refuses an unregistered kid', async () => {
    const compact = await signJws(returnPayload, { privateJwk: intruder.private, kid: intruder.public.kid }, asReturn);
    const exception = await expectCode(verifyJws(compact, registry, asReturn), CryptoErrorCode.UNKNOWN_KEY);
    expect(exception.details).toEqual({ kid: intruder.public.kid });
  });

  it('refuses a signature by another key under the registered kid', async () => {
    const key = await importJWK(intruder.private, 'EdDSA');
    const forged = await new CompactSign(Buffer.from(JSON.stringify(returnPayload))).setProtectedHeader(goodHeader).sign(key);
    await expectCode(verifyJws(forged, registry, asReturn), CryptoErrorCode.BAD_SIGNATURE);
  });

  it('refuses a changed payload, header or signature', async () => {
    const compact = await signJws(returnPayload, signer, asReturn);
    const [encodedHeader, , encodedSignature] = compact.split('.') as [string, string, string];
    const changedPayload = encode(JSON.stringify({ ...returnPayload, revision: 3 }));
    await expectCode(
      verifyJws(`${encodedHeader}.${changedPayload}.${encodedSignature}`, registry, asReturn),
      CryptoErrorCode.BAD_SIGNATURE,
    );
    const changedHeader = header({ ...goodHeader, iat: 1 });
    const [, encodedPayload] = compact.split('.') as [string, string];
    await expectCode(
      verifyJws(`${changedHeader}.${encodedPayload}.${encodedSignature}`, registry, asReturn),
      CryptoErrorCode.BAD_SIGNATURE,
    );
    const flipped = `${encodedSignature.startsWith('A') ? 'B' : 'A'}${encodedSignature.slice(1)}`;
    await expectCode(verifyJws(`${encodedHeader}.${encodedPayload}.${flipped}`, registry, asReturn), CryptoErrorCode.BAD_SIGNATURE);
    await expectCode(verifyJws(`${encodedHeader}.${encodedPayload}.`, registry, asReturn), CryptoErrorCode.BAD_SIGNATURE);
  });
});

describe('verifyJws parses strictly', () => {
  it.each([
    ['an empty string', ''],
    ['two segments', 'eyJhbGciOiJFZERTQSJ9.e30'],
    ['four segments', 'eyJhbGciOiJFZERTQSJ9.e30.AAAA.AAAA'],
    ['padding', 'eyJhbGciOiJFZERTQSJ9.e30=.AAAA'],
    ['standard base64 characters', 'eyJhbGciOiJFZERTQSJ9.e3+/.AAAA'],
    ['an empty header', '.e30.AAAA'],
    ['a header that is not JSON', `${encode('{alg:EdDSA}')}.e30.AAAA`],
    ['a header that is an array', `${encode('["EdDSA"]')}.e30.AAAA`],
    ['a header that is not UTF-8', `${encode(Uint8Array.from([0x7b, 0xff, 0x7d]))}.e30.AAAA`],
  ])('refuses %s as MALFORMED', async (_label, compact) => {
    await expectCode(verifyJws(compact, registry, asReturn), CryptoErrorCode.MALFORMED);
  });

  it('refuses a header repeating alg (the classic way to smuggle none past one parser)', async () => {
    const duplicated = encode(`{"alg":"none","alg":"EdDSA","typ":"thb-return+jws","kid":"${node.public.kid}","iat":1}`);
    await expectCode(verifyJws(`${duplicated}.e30.AAAA`, registry, asReturn), CryptoErrorCode.MALFORMED);
  });

  it.each([
    ['no kid', { alg: 'EdDSA', typ: JwsTypes.return, iat: 1 }],
    ['an empty kid', { ...goodHeader, kid: '' }],
    ['an overlong kid', { ...goodHeader, kid: 'k'.repeat(257) }],
    ['no iat', { alg: 'EdDSA', typ: JwsTypes.return, kid: node.public.kid }],
    ['a fractional iat', { ...goodHeader, iat: 1.5 }],
    ['a string iat', { ...goodHeader, iat: '1780000000' }],
    ['a negative iat', { ...goodHeader, iat: -1 }],
    ['critical extensions', { ...goodHeader, crit: ['exp'], exp: 1 }],
    ['an unencoded payload', { ...goodHeader, b64: false }],
  ])('refuses a header with %s as MALFORMED', async (_label, fields) => {
    await expectCode(verifyJws(`${header(fields)}.${encode('{}')}.AAAA`, registry, asReturn), CryptoErrorCode.MALFORMED);
  });

  it.each([
    ['an array', '[{"a":1}]'],
    ['a string', '"SECRET-MARKER"'],
    ['a number', '42'],
    ['null', 'null'],
    ['not JSON', '{"SECRET-MARKER":'],
    ['empty', ''],
    ['a duplicate key', '{"revision":1,"revision":2,"note":"SECRET-MARKER"}'],
    ['a nested duplicate key', '{"records":[{"sex":"F","sex":"M"}]}'],
    ['an escaped duplicate key', '{"a":1,"\\u0061":2}'],
  ])('refuses a validly signed payload that is %s as MALFORMED', async (_label, payload) => {
    await expectCode(verifyJws(await signRaw(payload), registry, asReturn), CryptoErrorCode.MALFORMED);
  });

  it('refuses a validly signed payload that is not UTF-8', async () => {
    const compact = await signRaw(Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
    await expectCode(verifyJws(compact, registry, asReturn), CryptoErrorCode.MALFORMED);
  });
});

describe('verifyJws bounds the size', () => {
  it('refuses a JWS over maxBytes before decoding anything', async () => {
    const compact = await signJws(returnPayload, signer, asReturn);
    const exception = await expectCode(
      verifyJws(compact, registry, { ...asReturn, maxBytes: compact.length - 1 }),
      CryptoErrorCode.TOO_LARGE,
    );
    expect(exception.details).toEqual({ maxBytes: compact.length - 1, actualBytes: compact.length });
    await expect(verifyJws(compact, registry, { ...asReturn, maxBytes: compact.length })).resolves.toMatchObject({ kid: node.public.kid });
    // Garbage that is too large is TOO_LARGE, not MALFORMED: the size is checked first.
    await expectCode(verifyJws('!'.repeat(2048), registry, { ...asReturn, maxBytes: 1024 }), CryptoErrorCode.TOO_LARGE);
  });

  it('refuses a bound that would disable the check', async () => {
    const compact = await signJws(returnPayload, signer, asReturn);
    for (const maxBytes of [Number.NaN, 0, -1, 1.5]) {
      await expect(verifyJws(compact, registry, { ...asReturn, maxBytes })).rejects.toThrow(RangeError);
    }
  });

  it('has a default bound', async () => {
    const huge = `${header(goodHeader)}.${'A'.repeat(17 * 1024 * 1024)}.AAAA`;
    await expectCode(verifyJws(huge, registry, asReturn), CryptoErrorCode.TOO_LARGE);
  });
});
