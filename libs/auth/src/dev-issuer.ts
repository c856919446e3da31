import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import {
  AuthConfigError,
  DEFAULT_DEV_ISSUER_DIR,
  DEV_ISSUER,
  DEV_ISSUER_JWKS_FILE,
  DEV_ISSUER_PRIVATE_KEY_FILE,
  OBSERVATORY_AUDIENCE,
} from './auth-config.js';
import { describeCountryCodeProblem, isEurostatCountryCode, type CountryCode } from './principal.js';
import { isCountryScopedRole, isRole, type Role } from './role.js';

const SIGNING_ALGORITHM = 'EdDSA';
/** Development tokens are for a working day or a test run, not for keeping. */
export const MAX_DEV_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const DEFAULT_TTL = '12h';

export interface DevTokenRequest {
  readonly roles: readonly Role[];
  readonly countries?: readonly CountryCode[];
  /** Seconds, or a number with a unit: '90s', '15m', '12h', '7d'. Default 12h. */
  readonly ttl?: string | number;
  /** Default: derived from roles and countries, e.g. 'dev-rapporteur-AT'. */
  readonly subject?: string;
}

/**
 * The development token issuer: an Ed25519 key pair kept as JWK files in one folder, so that `npm run token`, the
 * federation script and tests mint tokens that apps in development mode (see `resolveAuthConfig`) accept.
 * Never used in production: apps refuse its issuer there.
 */
export class DevIssuer {
  private constructor(
    readonly dir: string,
    private readonly privateKey: CryptoKey,
    readonly keyId: string,
    private readonly publicJwk: JWK,
  ) {}

  /** The public key set apps trust in development mode. */
  get jwksPath(): string {
    return join(this.dir, DEV_ISSUER_JWKS_FILE);
  }

  get publicKeySet(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }

  /**
   * Loads the key pair from `dir`, creating it on first use. Safe when several processes start at once (hub and
   * nodes): the private key file is published with an atomic hard link, so exactly one generated key wins.
   */
  static async loadOrCreate(dir: string = DEFAULT_DEV_ISSUER_DIR): Promise<DevIssuer> {
    const folder = resolve(dir);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const privateJwk = (await readPrivateJwk(folder)) ?? (await createPrivateJwk(folder));
    const { d: _secret, ...publicPart } = privateJwk;
    const keyId = await calculateJwkThumbprint(publicPart);
    const publicJwk: JWK = { kty: publicPart.kty, crv: publicPart.crv, x: publicPart.x, kid: keyId, alg: SIGNING_ALGORITHM, use: 'sig' };
    await writeIfChanged(join(folder, DEV_ISSUER_JWKS_FILE), `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`);
    const privateKey = await importJWK(privateJwk, SIGNING_ALGORITHM);
    if (privateKey instanceof Uint8Array) throw new AuthConfigError('development issuer key is not an Ed25519 key');
    return new DevIssuer(folder, privateKey, keyId, publicJwk);
  }

  async issue(request: DevTokenRequest): Promise<string> {
    const { roles, countries } = checkedRequest(request);
    const ttlSeconds = parseTtl(request.ttl ?? DEFAULT_TTL);
    const subject = request.subject ?? defaultSubject(roles, countries);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles, countries })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.keyId, typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(OBSERVATORY_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.privateKey);
  }
}

/** Accepts what the verifier accepts, so the issuer never mints a token the apps would refuse. */
function checkedRequest(request: DevTokenRequest): { roles: Role[]; countries: CountryCode[] } {
  const roles = [...new Set(request.roles)];
  if (roles.length === 0) throw new RangeError('at least one role is required');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new RangeError(`unknown role(s): ${unknown.join(', ')}`);
  const countries = [...new Set(request.countries ?? [])];
  for (const country of countries) {
    if (!isEurostatCountryCode(country)) throw new RangeError(`country ${describeCountryCodeProblem(country)}`);
  }
  const scoped = roles.filter(isCountryScopedRole);
  if (scoped.length > 0 && countries.length === 0) {
    throw new RangeError(`${scoped.join(' and ')} must be given at least one country`);
  }
  return { roles, countries };
}

export function parseTtl(ttl: string | number): number {
  const seconds = typeof ttl === 'number' ? ttl : ttlSecondsOf(ttl);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_DEV_TOKEN_TTL_SECONDS) {
    throw new RangeError(`ttl must be between 1 second and 30 days, got '${ttl}'`);
  }
  return seconds;
}

const secondsPerUnit: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

function ttlSecondsOf(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (match === null) throw new RangeError(`ttl must look like 90s, 15m, 12h or 7d, got '${text}'`);
  return Number(match[1]) * (secondsPerUnit[match[2] || 's'] ?? 1);
}

function defaultSubject(roles: readonly Role[], countries: readonly CountryCode[]): string {
  return ['dev', roles.join('+').toLowerCase(), countries.join('+')].filter((part) => part !== '').join('-');
}

async function readPrivateJwk(folder: string): Promise<JWK | undefined> {
  const file = join(folder, DEV_ISSUER_PRIVATE_KEY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
    throw new AuthConfigError(`${file} is readable by other users; restrict it with chmod 600`);
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new AuthConfigError(`${file} is not valid JSON`);
  }
  if (!isEd25519PrivateJwk(jwk)) throw new AuthConfigError(`${file} does not hold an Ed25519 private JWK`);
  return jwk;
}

async function createPrivateJwk(folder: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const file = join(folder, DEV_ISSUER_PRIVATE_KEY_FILE);
  const draft = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process published its key first: use that one.
    const winner = await readPrivateJwk(folder);
    if (winner === undefined) throw error;
    return winner;
  } finally {
    await unlink(draft);
  }
  return jwk;
}

async function writeIfChanged(file: string, content: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === content) return;
  const draft = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, content, { mode: 0o644 });
  await rename(draft, file);
}

function isEd25519PrivateJwk(value: unknown): value is JWK {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return jwk['kty'] === 'OKP' && jwk['crv'] === 'Ed25519' && typeof jwk['x'] === 'string' && typeof jwk['d'] === 'string';
}
