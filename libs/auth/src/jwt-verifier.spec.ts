import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';
import { AuthConfigError } from './auth-config.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { JwtVerifier, MAX_TOKEN_LENGTH } from './jwt-verifier.js';
import { Role } from './role.js';

const ISSUER = 'https://id.example.test/realms/thb';
const AUDIENCE = 'thb-observatory';
const settings = { issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30 };
const now = () => Math.floor(Date.now() / 1000);

interface SigningKey {
  readonly alg: 'EdDSA' | 'ES256';
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function signingKey(alg: 'EdDSA' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'account-7f3a',
    iat: now(),
    exp: now() + 600,
    roles: [Role.RAPPORTEUR],
    countries: ['AT'],
    ...overrides,
  };
}

function sign(key: SigningKey, payload: JWTPayload, header: { kid?: string | null } = {}): Promise<string> {
  const kid = header.kid === null ? undefined : (header.kid ?? key.kid);
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, ...(kid === undefined ? {} : { kid }) }).sign(key.privateKey);
}

/** Refused with `code`, as an AuthException whose message leaks no part of the token. */
async function expectRefused(verifier: JwtVerifier, token: string, code: AuthErrorCode): Promise<void> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (refusal: unknown) => refusal,
  );
  expect(error).toBeInstanceOf(AuthException);
  expect((error as AuthException).code).toBe(code);
  for (const segment of token.split('.').filter((part) => part.length > 0)) {
    expect((error as AuthException).message).not.toContain(segment);
  }
}

describe('JwtVerifier', () => {
  let ed: SigningKey;
  let es: SigningKey;
  let stranger: SigningKey;
  let verifier: JwtVerifier;
  let keySet: JSONWebKeySet;

  beforeAll(async () => {
    ed = await signingKey('EdDSA', 'ed-1');
    es = await signingKey('ES256', 'es-1');
    stranger = await signingKey('EdDSA', 'stranger');
    keySet = { keys: [ed.publicJwk, es.publicJwk] };
    verifier = JwtVerifier.fromKeySet(keySet, settings);
  });

  it('accepts an EdDSA token and returns its principal', async () => {
    const principal = await verifier.verify(await sign(ed, claims({ countries: ['AT', 'EL', 'AT'] })));
    expect(principal).toEqual({ subject: 'account-7f3a', roles: [Role.RAPPORTEUR], countries: ['AT', 'EL'] });
  });

  it('accepts an ES256 token', async () => {
    const principal = await verifier.verify(await sign(es, claims({ roles: [Role.RESEARCHER], countries: [] })));
    expect(principal).toEqual({ subject: 'account-7f3a', roles: [Role.RESEARCHER], countries: [] });
  });

  it('accepts a token without a countries claim for unscoped roles', async () => {
    const { countries: _countries, ...withoutCountries } = claims({ roles: [Role.HUB_ADMIN] });
    expect((await verifier.verify(await sign(ed, withoutCountries))).countries).toEqual([]);
  });

  it('tolerates clock skew up to the configured bound, and not beyond', async () => {
    await expect(verifier.verify(await sign(ed, claims({ exp: now() - 10 })))).resolves.toBeDefined();
    await expectRefused(verifier, await sign(ed, claims({ exp: now() - 31 })), AuthErrorCode.TOKEN_EXPIRED);
  });

  it('refuses an expired token', async () => {
    await expectRefused(verifier, await sign(ed, claims({ iat: now() - 7200, exp: now() - 3600 })), AuthErrorCode.TOKEN_EXPIRED);
  });

  it('refuses a token that is not valid yet (nbf, or iat in the future)', async () => {
    await expectRefused(verifier, await sign(ed, claims({ nbf: now() + 3600 })), AuthErrorCode.TOKEN_NOT_YET_VALID);
    await expectRefused(verifier, await sign(ed, claims({ iat: now() + 3600, exp: now() + 7200 })), AuthErrorCode.TOKEN_NOT_YET_VALID);
  });

  it('refuses a token for another audience or from another issuer', async () => {
    await expectRefused(verifier, await sign(ed, claims({ aud: 'some-other-service' })), AuthErrorCode.WRONG_AUDIENCE);
    await expectRefused(verifier, await sign(ed, claims({ iss: 'https://evil.example.test' })), AuthErrorCode.WRONG_ISSUER);
  });

  it('reports a missing audience or issuer as such', async () => {
    const { aud: _aud, ...noAudience } = claims();
    await expectRefused(verifier, await sign(ed, noAudience), AuthErrorCode.WRONG_AUDIENCE);
    const { iss: _iss, ...noIssuer } = claims();
    await expectRefused(verifier, await sign(ed, noIssuer), AuthErrorCode.WRONG_ISSUER);
  });

  it('refuses a token signed by a key outside the key set', async () => {
    await expectRefused(verifier, await sign(stranger, claims()), AuthErrorCode.UNKNOWN_SIGNING_KEY);
  });

  it('refuses a token signed by another key under a trusted kid', async () => {
    await expectRefused(verifier, await sign(stranger, claims(), { kid: ed.kid }), AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses a hand-built alg:none token', async () => {
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims({ roles: [Role.HUB_ADMIN] }))}.`;
    await expectRefused(verifier, token, AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses an HS256 token keyed with the public key bytes (algorithm confusion)', async () => {
    const publicKeyBytes = base64url.decode(ed.publicJwk.x as string);
    const token = await new SignJWT(claims({ roles: [Role.HUB_ADMIN] }))
      .setProtectedHeader({ alg: 'HS256', kid: ed.kid })
      .sign(publicKeyBytes);
    await expectRefused(verifier, token, AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(ed, claims())).split('.');
    const forged = base64url.encode(JSON.stringify(claims({ roles: [Role.HUB_ADMIN] })));
    await expectRefused(verifier, `${header}.${forged}.${signature}`, AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses garbage, an empty token and an oversized one', async () => {
    await expectRefused(verifier, 'not-a-jwt', AuthErrorCode.INVALID_TOKEN);
    await expectRefused(verifier, '', AuthErrorCode.INVALID_TOKEN);
    await expectRefused(verifier, 'a'.repeat(MAX_TOKEN_LENGTH + 1), AuthErrorCode.INVALID_TOKEN);
  });

  it('requires exp and sub', async () => {
    const { exp: _exp, ...noExpiry } = claims();
    await expectRefused(verifier, await sign(ed, noExpiry), AuthErrorCode.INVALID_TOKEN);
    const { sub: _sub, ...noSubject } = claims();
    await expectRefused(verifier, await sign(ed, noSubject), AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses unknown roles, malformed roles and a scoped role without countries', async () => {
    await expectRefused(verifier, await sign(ed, claims({ roles: ['RESEARCHER', 'SUPERUSER'] })), AuthErrorCode.INVALID_TOKEN);
    await expectRefused(verifier, await sign(ed, claims({ roles: 'RESEARCHER' })), AuthErrorCode.INVALID_TOKEN);
    await expectRefused(verifier, await sign(ed, claims({ roles: [Role.STEWARD], countries: [] })), AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses country codes outside the Eurostat spelling', async () => {
    await expectRefused(verifier, await sign(ed, claims({ countries: ['GR'] })), AuthErrorCode.INVALID_TOKEN);
    await expectRefused(verifier, await sign(ed, claims({ countries: ['at'] })), AuthErrorCode.INVALID_TOKEN);
  });

  it('tries every key of the algorithm when a token carries no kid', async () => {
    const second = await signingKey('EdDSA', 'ed-2');
    const rotating = JwtVerifier.fromKeySet({ keys: [ed.publicJwk, second.publicJwk] }, settings);
    expect((await rotating.verify(await sign(second, claims(), { kid: null }))).subject).toBe('account-7f3a');
    await expectRefused(rotating, await sign(stranger, claims(), { kid: null }), AuthErrorCode.INVALID_TOKEN);
  });

  it('refuses a key set holding a private key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    expect(() => JwtVerifier.fromKeySet({ keys: [privateJwk] }, settings)).toThrow(AuthConfigError);
  });

  describe('key sources', () => {
    let folder: string;
    let server: Server;
    let jwksUrl: string;

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'auth-verifier-'));
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(keySet));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      await rm(folder, { recursive: true, force: true });
    });

    const config = { ...settings, rateLimitPerMinute: 60 };

    it('reads a JWKS file', async () => {
      const file = join(folder, 'jwks.json');
      await writeFile(file, JSON.stringify(keySet));
      const fromFile = await JwtVerifier.fromConfig({ ...config, jwksFile: file });
      expect((await fromFile.verify(await sign(es, claims()))).roles).toEqual([Role.RAPPORTEUR]);
    });

    it('refuses a missing or malformed JWKS file at start', async () => {
      await expect(JwtVerifier.fromConfig({ ...config, jwksFile: join(folder, 'absent.json') })).rejects.toThrow(/does not exist/);
      const file = join(folder, 'broken.json');
      await writeFile(file, '{"keys": 3}');
      await expect(JwtVerifier.fromConfig({ ...config, jwksFile: file })).rejects.toThrow(AuthConfigError);
    });

    it('fetches a remote JWKS (as an identity provider such as Keycloak publishes it)', async () => {
      const remote = await JwtVerifier.fromConfig({ ...config, jwksUrl });
      expect((await remote.verify(await sign(ed, claims()))).subject).toBe('account-7f3a');
      await expectRefused(remote, await sign(stranger, claims()), AuthErrorCode.UNKNOWN_SIGNING_KEY);
    });
  });
});
