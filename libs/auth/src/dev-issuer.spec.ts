import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AuthConfigError, resolveAuthConfig } from './auth-config.js';
import { DevIssuer, parseTtl } from './dev-issuer.js';
import { JwtVerifier } from './jwt-verifier.js';
import { Role } from './role.js';

describe('DevIssuer', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'auth-dev-issuer-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a key pair on first use, private key 0600, and keeps it afterwards', async () => {
    const dir = join(root, 'first-use');
    const created = await DevIssuer.loadOrCreate(dir);
    const privateFile = join(dir, 'private.jwk.json');
    if (process.platform !== 'win32') expect((await stat(privateFile)).mode & 0o777).toBe(0o600);
    const jwks = JSON.parse(await readFile(created.jwksPath, 'utf8')) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: created.keyId });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const reloaded = await DevIssuer.loadOrCreate(dir);
    expect(reloaded.keyId).toBe(created.keyId);
  });

  it('yields one key when several processes start at once', async () => {
    const dir = join(root, 'race');
    const issuers = await Promise.all(Array.from({ length: 4 }, () => DevIssuer.loadOrCreate(dir)));
    expect(new Set(issuers.map((issuer) => issuer.keyId)).size).toBe(1);
  });

  it('issues tokens the apps in development mode accept', async () => {
    const dir = join(root, 'dev-mode');
    const issuer = await DevIssuer.loadOrCreate(dir);
    const token = await issuer.issue({ roles: [Role.RAPPORTEUR], countries: ['EL'], ttl: '15m' });
    const verifier = await JwtVerifier.fromConfig(resolveAuthConfig({ NODE_ENV: 'development', DEV_ISSUER_DIR: dir }));
    expect(await verifier.verify(token)).toEqual({ subject: 'dev-rapporteur-EL', roles: [Role.RAPPORTEUR], countries: ['EL'] });
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({ iss: 'thb-observatory-dev', aud: 'thb-observatory' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(15 * 60);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', kid: issuer.keyId });
  });

  it('refuses requests the verifier would refuse', async () => {
    const issuer = await DevIssuer.loadOrCreate(join(root, 'requests'));
    await expect(issuer.issue({ roles: [] })).rejects.toThrow(/at least one role/);
    await expect(issuer.issue({ roles: ['ROOT' as Role] })).rejects.toThrow(/unknown role/);
    await expect(issuer.issue({ roles: [Role.STEWARD] })).rejects.toThrow(/STEWARD must be given at least one country/);
    await expect(issuer.issue({ roles: [Role.RAPPORTEUR], countries: ['GR'] })).rejects.toThrow(/Eurostat's 'EL'/);
    await expect(issuer.issue({ roles: [Role.RESEARCHER], ttl: '90d' })).rejects.toThrow(/ttl/);
  });

  it('refuses a private key file other users can read', async () => {
    if (process.platform === 'win32') return;
    const dir = join(root, 'loose');
    await DevIssuer.loadOrCreate(dir);
    await chmod(join(dir, 'private.jwk.json'), 0o644);
    await expect(DevIssuer.loadOrCreate(dir)).rejects.toThrow(AuthConfigError);
  });
});

describe('parseTtl', () => {
  it('reads seconds and units', () => {
    expect(parseTtl(90)).toBe(90);
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('15m')).toBe(900);
    expect(parseTtl('12h')).toBe(43_200);
    expect(parseTtl('7d')).toBe(604_800);
    expect(parseTtl('120')).toBe(120);
  });

  it('refuses nonsense and overlong lifetimes', () => {
    for (const ttl of ['', '12 hours', '-5m', '0', '31d', 1.5]) {
      expect(() => parseTtl(ttl)).toThrow(RangeError);
    }
  });
});
