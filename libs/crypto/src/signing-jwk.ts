import { calculateJwkThumbprint } from 'jose';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import type { SigningKeyPair } from './key-derivation.js';
import { sodium } from './sodium.js';

/** An Ed25519 public key as a JWK (RFC 8037), identified by its RFC 7638 thumbprint. */
export interface PublicSigningJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  /** The 32-byte public key, base64url. */
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
}

export interface PrivateSigningJwk extends PublicSigningJwk {
  /** The 32-byte seed, base64url. Secret. */
  readonly d: string;
}

export interface SigningJwks {
  readonly public: PublicSigningJwk;
  readonly private: PrivateSigningJwk;
}

const ED25519_KEY_BYTES = 32;

/** Expresses a libsodium Ed25519 pair as JWKs importable by jose (`importJWK(jwk, 'EdDSA')`). */
export async function signingKeyToJwk(pair: SigningKeyPair): Promise<SigningJwks> {
  if (pair.publicKey.length !== ED25519_KEY_BYTES || pair.privateKey.length !== 2 * ED25519_KEY_BYTES) {
    throw new CryptoException(CryptoErrorCode.MALFORMED, 'An Ed25519 key pair has a 32-byte public and a 64-byte private key.');
  }
  const x = toBase64Url(pair.publicKey);
  const publicJwk: PublicSigningJwk = { kty: 'OKP', crv: 'Ed25519', x, kid: await thumbprintOf(x), alg: 'EdDSA', use: 'sig' };
  // libsodium's private key is seed || public key; the JWK `d` is the seed alone.
  return { public: publicJwk, private: { ...publicJwk, d: toBase64Url(pair.privateKey.subarray(0, ED25519_KEY_BYTES)) } };
}

/**
 * Checks an untrusted JWK (for example one an administrator registers for a node) and returns it in canonical form.
 * Refuses private keys, other curves and a `kid` that is not the key's thumbprint.
 */
export async function publicSigningJwkFrom(value: unknown): Promise<PublicSigningJwk> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformedJwk('it is not a JSON object');
  }
  const jwk = value as Record<string, unknown>;
  if (jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519') {
    throw malformedJwk('only OKP keys on Ed25519 are accepted');
  }
  if ('d' in jwk) {
    throw malformedJwk('it contains a private key');
  }
  if (jwk['alg'] !== undefined && jwk['alg'] !== 'EdDSA') {
    throw malformedJwk('its alg is not EdDSA');
  }
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') {
    throw malformedJwk('its use is not sig');
  }
  const x = jwk['x'];
  if (typeof x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(x) || fromBase64Url(x)?.length !== ED25519_KEY_BYTES) {
    throw malformedJwk('x is not a 32-byte base64url value');
  }
  const kid = await thumbprintOf(x);
  if (jwk['kid'] !== undefined && jwk['kid'] !== kid) {
    throw malformedJwk('its kid is not the RFC 7638 thumbprint of the key');
  }
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
}

function thumbprintOf(x: string): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
}

function toBase64Url(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
}

function fromBase64Url(encoded: string): Uint8Array | undefined {
  try {
    return sodium.from_base64(encoded, sodium.base64_variants.URLSAFE_NO_PADDING);
  } catch {
    return undefined;
  }
}

function malformedJwk(reason: string): CryptoException {
  return new CryptoException(CryptoErrorCode.MALFORMED, `Refusing the signing key: ${reason}.`);
}
