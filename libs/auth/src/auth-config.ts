import { join } from 'node:path';

/** Issuer and audience of the development token issuer (scripts/issue-token.ts); never trusted in production. */
export const DEV_ISSUER = 'thb-observatory-dev';
export const OBSERVATORY_AUDIENCE = 'thb-observatory';
export const DEFAULT_DEV_ISSUER_DIR = '.data/dev-issuer';
export const DEV_ISSUER_JWKS_FILE = 'jwks.json';
export const DEV_ISSUER_PRIVATE_KEY_FILE = 'private.jwk.json';

/** More skew than this hides a broken clock rather than tolerating a slow one. */
export const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

interface AuthSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  /** Requests per minute per token subject (or per IP without a token); also the burst size. */
  readonly rateLimitPerMinute: number;
}

/** Exactly one key source: a JWKS file read at start, or a JWKS URL (Keycloak and the like) fetched and cached. */
export type AuthConfig = AuthSettings &
  ({ readonly jwksFile: string; readonly jwksUrl?: undefined } | { readonly jwksUrl: string; readonly jwksFile?: undefined });

export type AuthMode = 'DEV_ISSUER' | 'JWKS_FILE' | 'JWKS_URL';

export type ResolvedAuthConfig = AuthConfig &
  (
    | { readonly mode: 'DEV_ISSUER'; readonly devIssuerDir: string; readonly jwksFile: string }
    | { readonly mode: 'JWKS_FILE'; readonly jwksFile: string }
    | { readonly mode: 'JWKS_URL'; readonly jwksUrl: string }
  );

/** A configuration that must stop the app at start; messages name the setting, never a secret. */
export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/** Checks values a type cannot: bounds, non-empty strings, a usable URL. Returns the same config. */
export function validateAuthConfig<C extends AuthConfig>(config: C): C {
  if (config.issuer.trim() === '') throw new AuthConfigError('issuer must not be empty');
  if (config.audience.trim() === '') throw new AuthConfigError('audience must not be empty');
  const tolerance = config.clockToleranceSeconds;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new AuthConfigError(`clockToleranceSeconds must be a whole number from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}, got ${tolerance}`);
  }
  if (!Number.isInteger(config.rateLimitPerMinute) || config.rateLimitPerMinute < 1) {
    throw new AuthConfigError(`rateLimitPerMinute must be a positive whole number, got ${config.rateLimitPerMinute}`);
  }
  const sources = [config.jwksFile, config.jwksUrl].filter((source) => source !== undefined);
  if (sources.length !== 1) {
    throw new AuthConfigError('exactly one of jwksFile and jwksUrl must be set');
  }
  if (config.jwksFile !== undefined && config.jwksFile.trim() === '') {
    throw new AuthConfigError('jwksFile must not be empty');
  }
  if (config.jwksUrl !== undefined) parseJwksUrl(config.jwksUrl, 'jwksUrl');
  return config;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads the auth settings of an app from its environment:
 * - `AUTH_JWKS_FILE` or `AUTH_JWKS_URL` (with `AUTH_ISSUER`, optional `AUTH_AUDIENCE`): trust that key set;
 * - neither, outside production: trust the development issuer's `jwks.json` in `DEV_ISSUER_DIR`;
 * - neither, in production: refused, so a misconfigured deployment never accepts development tokens.
 * Optional: `AUTH_CLOCK_TOLERANCE_SECONDS` (default 30), `AUTH_RATE_LIMIT_PER_MINUTE` (default 600).
 */
export function resolveAuthConfig(env: Environment): ResolvedAuthConfig {
  const production = env['NODE_ENV'] === 'production';
  const jwksFile = nonEmpty(env, 'AUTH_JWKS_FILE');
  const jwksUrl = nonEmpty(env, 'AUTH_JWKS_URL');
  const issuer = nonEmpty(env, 'AUTH_ISSUER');
  const settings = {
    audience: nonEmpty(env, 'AUTH_AUDIENCE') ?? OBSERVATORY_AUDIENCE,
    clockToleranceSeconds: wholeNumber(env, 'AUTH_CLOCK_TOLERANCE_SECONDS', DEFAULT_CLOCK_TOLERANCE_SECONDS),
    rateLimitPerMinute: wholeNumber(env, 'AUTH_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE),
  };

  if (jwksFile !== undefined && jwksUrl !== undefined) {
    throw new AuthConfigError('AUTH_JWKS_FILE and AUTH_JWKS_URL are both set; set only one');
  }
  if (jwksFile === undefined && jwksUrl === undefined) {
    if (production) {
      throw new AuthConfigError(
        'NODE_ENV is production but neither AUTH_JWKS_FILE nor AUTH_JWKS_URL is set: ' +
          'the development token issuer is refused in production; set one of them and AUTH_ISSUER',
      );
    }
    if (issuer !== undefined) {
      throw new AuthConfigError(
        'AUTH_ISSUER is set but neither AUTH_JWKS_FILE nor AUTH_JWKS_URL is: set the key set of that issuer too, ' +
          'or unset AUTH_ISSUER to use the development issuer',
      );
    }
    const devIssuerDir = nonEmpty(env, 'DEV_ISSUER_DIR') ?? DEFAULT_DEV_ISSUER_DIR;
    return validateAuthConfig({
      mode: 'DEV_ISSUER',
      devIssuerDir,
      jwksFile: join(devIssuerDir, DEV_ISSUER_JWKS_FILE),
      issuer: DEV_ISSUER,
      ...settings,
      audience: OBSERVATORY_AUDIENCE,
    });
  }
  if (issuer === undefined) {
    throw new AuthConfigError(`AUTH_ISSUER must be set with ${jwksFile !== undefined ? 'AUTH_JWKS_FILE' : 'AUTH_JWKS_URL'}`);
  }
  if (production && issuer === DEV_ISSUER) {
    throw new AuthConfigError(`AUTH_ISSUER is the development issuer '${DEV_ISSUER}', which is refused in production`);
  }
  if (jwksFile !== undefined) {
    return validateAuthConfig({ mode: 'JWKS_FILE', jwksFile, issuer, ...settings });
  }
  const url = parseJwksUrl(jwksUrl as string, 'AUTH_JWKS_URL');
  if (production && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new AuthConfigError('AUTH_JWKS_URL must use https in production (plain http only to a loopback address)');
  }
  return validateAuthConfig({ mode: 'JWKS_URL', jwksUrl: url.href, issuer, ...settings });
}

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function wholeNumber(env: Environment, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new AuthConfigError(`${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}

function parseJwksUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError(`${name} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuthConfigError(`${name} must be an http(s) URL`);
  }
  return url;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
