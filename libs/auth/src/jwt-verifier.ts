import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { AuthConfigError, validateAuthConfig, type AuthConfig } from './auth-config.js';
import { AuthErrorCode, AuthException, type TokenErrorCode } from './auth.exception.js';
import { describeCountryCodeProblem, isEurostatCountryCode, type Principal } from './principal.js';
import { isCountryScopedRole, isRole, type Role } from './role.js';

/** Asymmetric only: a symmetric algorithm would let anyone holding the public key forge tokens. */
export const ACCEPTED_ALGORITHMS: readonly string[] = ['EdDSA', 'ES256'];

/** Far above any real token; refusing longer ones keeps parsing cost bounded. */
export const MAX_TOKEN_LENGTH = 8192;
const MAX_SUBJECT_LENGTH = 255;

export interface VerifierSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
}

/**
 * Verifies bearer tokens and turns their claims into a `Principal`. Plain jose, no Nest, so scripts and tests use it
 * directly. Every refusal is an `AuthException` whose message never contains the token.
 */
export class JwtVerifier {
  private readonly options: JWTVerifyOptions;

  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly settings: VerifierSettings,
  ) {
    this.options = {
      algorithms: [...ACCEPTED_ALGORITHMS],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: settings.clockToleranceSeconds,
      requiredClaims: ['exp', 'sub'],
    };
  }

  /** Reads a JWKS file once (at start) or prepares a remote JWKS fetched lazily and cached by jose. */
  static async fromConfig(config: AuthConfig): Promise<JwtVerifier> {
    validateAuthConfig(config);
    if (config.jwksFile !== undefined) {
      return new JwtVerifier(createLocalJWKSet(await readPublicKeySet(config.jwksFile)), config);
    }
    return new JwtVerifier(createRemoteJWKSet(new URL(config.jwksUrl)), config);
  }

  static fromKeySet(keySet: JSONWebKeySet, settings: VerifierSettings): JwtVerifier {
    assertPublicOnly(keySet, 'the key set');
    return new JwtVerifier(createLocalJWKSet(keySet), settings);
  }

  async verify(token: string): Promise<Principal> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new AuthException(AuthErrorCode.INVALID_TOKEN, 'Token is empty or too long');
    }
    let payload: JWTPayload;
    try {
      payload = await this.verifySignatureAndClaims(token);
    } catch (error) {
      throw toTokenException(error) ?? error;
    }
    return principalFromClaims(payload, this.settings.clockToleranceSeconds);
  }

  private async verifySignatureAndClaims(token: string): Promise<JWTPayload> {
    try {
      return (await jwtVerify(token, this.keys, this.options)).payload;
    } catch (error) {
      // Without a `kid`, several keys of one algorithm can match (e.g. during rotation): try each of them.
      if (error instanceof errors.JWKSMultipleMatchingKeys) {
        for await (const key of error) {
          try {
            return (await jwtVerify(token, key, this.options)).payload;
          } catch (attempt) {
            if (!(attempt instanceof errors.JWSSignatureVerificationFailed)) throw attempt;
          }
        }
        throw new errors.JWSSignatureVerificationFailed();
      }
      throw error;
    }
  }
}

/** Maps jose's errors to our codes; returns undefined for failures that are not the token's fault (JWKS fetch). */
export function toTokenException(error: unknown): AuthException | undefined {
  const refuse = (code: TokenErrorCode, message: string) => new AuthException(code, message);
  if (error instanceof errors.JWTExpired) return refuse(AuthErrorCode.TOKEN_EXPIRED, 'Token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const missing = error.reason === 'missing';
    switch (error.claim) {
      case 'nbf':
        return refuse(AuthErrorCode.TOKEN_NOT_YET_VALID, 'Token is not valid yet');
      // A missing audience or issuer is reported as such: it is what an identity-provider mapper forgot to add.
      case 'aud':
        return refuse(AuthErrorCode.WRONG_AUDIENCE, missing ? 'Token names no audience' : 'Token was issued for another audience');
      case 'iss':
        return refuse(AuthErrorCode.WRONG_ISSUER, missing ? 'Token names no issuer' : 'Token was issued by an untrusted issuer');
      default:
        return refuse(AuthErrorCode.INVALID_TOKEN, `Token ${missing ? 'lacks' : 'has an invalid'} "${error.claim}" claim`);
    }
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return refuse(AuthErrorCode.UNKNOWN_SIGNING_KEY, 'Token is signed with a key this service does not trust');
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return refuse(AuthErrorCode.INVALID_TOKEN, `Token algorithm is not accepted (accepted: ${ACCEPTED_ALGORITHMS.join(', ')})`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refuse(AuthErrorCode.INVALID_TOKEN, 'Token signature is invalid');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JWKInvalid) {
    return refuse(AuthErrorCode.INVALID_TOKEN, 'Token is malformed');
  }
  return undefined;
}

/** Claims beyond the registered ones: roles must all be known, scoped roles need countries in Eurostat spelling. */
export function principalFromClaims(payload: JWTPayload, clockToleranceSeconds: number, nowSeconds = Date.now() / 1000): Principal {
  const invalid = (message: string) => new AuthException(AuthErrorCode.INVALID_TOKEN, message);
  // jose only checks `iat` when a maximum age is set; a token issued in the future means a wrong clock or a forgery.
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + clockToleranceSeconds) {
    throw new AuthException(AuthErrorCode.TOKEN_NOT_YET_VALID, 'Token is issued in the future');
  }
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH) {
    throw invalid('Token "sub" claim must be a non-empty string');
  }
  const roles = stringArrayClaim(payload, 'roles');
  if (roles === undefined) throw invalid('Token "roles" claim must be an array of strings');
  const unknownRoles = roles.filter((role) => !isRole(role));
  if (unknownRoles.length > 0) {
    throw invalid(`Token names ${unknownRoles.length} role(s) this service does not know`);
  }
  const countries = payload['countries'] === undefined ? [] : stringArrayClaim(payload, 'countries');
  if (countries === undefined) throw invalid('Token "countries" claim must be an array of strings');
  const badCountry = countries.find((country) => !isEurostatCountryCode(country));
  if (badCountry !== undefined) {
    throw invalid(`Token "countries" claim is invalid: ${describeCountryCodeProblem(badCountry.slice(0, 8))}`);
  }
  const knownRoles = [...new Set(roles as Role[])];
  if (countries.length === 0 && knownRoles.some(isCountryScopedRole)) {
    throw invalid('Token gives a country-scoped role (RAPPORTEUR, STEWARD) without "countries"');
  }
  return { subject, roles: knownRoles, countries: [...new Set(countries)] };
}

function stringArrayClaim(payload: JWTPayload, name: string): string[] | undefined {
  const value = payload[name];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

async function readPublicKeySet(file: string): Promise<JSONWebKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not readable JSON';
    throw new AuthConfigError(`JWKS file ${file} ${reason}`);
  }
  if (!isKeySet(parsed)) throw new AuthConfigError(`JWKS file ${file} has no "keys" array`);
  assertPublicOnly(parsed, `JWKS file ${file}`);
  return parsed;
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

/** A private key in the trust file means someone copied the wrong file; refuse rather than hold a secret. */
function assertPublicOnly(keySet: JSONWebKeySet, what: string): void {
  if (keySet.keys.some((key) => 'd' in key || 'k' in key)) {
    throw new AuthConfigError(`${what} contains a private or symmetric key; it must hold public keys only`);
  }
}
