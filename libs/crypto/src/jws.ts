import { Buffer } from 'node:buffer';
import { CompactSign, compactVerify, errors, importJWK } from 'jose';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import type { PrivateSigningJwk, PublicSigningJwk } from './signing-jwk.js';
import { parseStrictJsonObject } from './strict-json.js';

/** The media types (`typ` header) of the federation's signed messages: one kind can never pass for another. */
export const JwsTypes = {
  return: 'thb-return+jws',
  revocation: 'thb-revocation+jws',
  receipt: 'thb-receipt+jws',
} as const;

export type JwsType = `thb-${string}+jws`;

/** The only algorithm signed or accepted: Ed25519 (RFC 8037). */
export const JWS_ALGORITHM = 'EdDSA';

/** Default bound on a compact JWS, checked before anything is decoded (a large quarterly return is a few MB). */
export const DEFAULT_MAX_JWS_BYTES = 16 * 1024 * 1024;

/**
 * The protected header of every JWS this library signs. `iat` (seconds since the epoch) lives here rather than in
 * the payload, so the signed payload is exactly the caller's object.
 */
// A type alias, not an interface: jose's header parameter type has an index signature only aliases satisfy.
export type JwsProtectedHeader = {
  readonly alg: typeof JWS_ALGORITHM;
  readonly typ: JwsType;
  readonly kid: string;
  readonly iat: number;
};

export interface JwsSigningKey {
  readonly privateJwk: PrivateSigningJwk;
  readonly kid: string;
}

export interface SignJwsOptions {
  readonly typ: JwsType;
  /** Defaults to now. */
  readonly issuedAt?: Date;
}

/** Finds the registered public key for a `kid`; undefined when there is none. May be async (a database lookup). */
export type PublicKeyResolver = (kid: string) => PublicSigningJwk | undefined | Promise<PublicSigningJwk | undefined>;

export interface VerifyJwsOptions {
  readonly typ: JwsType;
  /** Upper bound on the compact serialisation's length in bytes; defaults to `DEFAULT_MAX_JWS_BYTES`. */
  readonly maxBytes?: number;
}

export interface VerifiedJws {
  readonly payload: Record<string, unknown>;
  readonly kid: string;
  readonly header: JwsProtectedHeader;
}

const MAX_KID_LENGTH = 256;
const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]*$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Signs a JSON object as a compact JWS (EdDSA) with `kid`, `typ` and `iat` in the protected header. */
export async function signJws(payload: object, signing: JwsSigningKey, options: SignJwsOptions): Promise<string> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new CryptoException(CryptoErrorCode.MALFORMED, 'A JWS payload must be a JSON object.');
  }
  if (signing.privateJwk.kid !== signing.kid) {
    throw new CryptoException(CryptoErrorCode.MALFORMED, 'The signing kid does not match the private key.');
  }
  const issuedAt = options.issuedAt ?? new Date();
  const header: JwsProtectedHeader = {
    alg: JWS_ALGORITHM,
    typ: options.typ,
    kid: signing.kid,
    iat: Math.floor(issuedAt.getTime() / 1000),
  };
  let serialised: string;
  try {
    serialised = JSON.stringify(payload);
  } catch {
    throw new CryptoException(CryptoErrorCode.MALFORMED, 'The JWS payload cannot be serialised as JSON.');
  }
  const key = await importJWK(signing.privateJwk, JWS_ALGORITHM);
  return new CompactSign(Buffer.from(serialised, 'utf8')).setProtectedHeader(header).sign(key);
}

/**
 * Verifies a compact JWS and returns its payload, parsed strictly. The header is checked before any key is looked up:
 * only EdDSA, the expected `typ`, a `kid`, an integer `iat`, no `crit`. Every failure is a `CryptoException` whose
 * message never quotes the token.
 */
export async function verifyJws(compact: string, resolveKey: PublicKeyResolver, options: VerifyJwsOptions): Promise<VerifiedJws> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JWS_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    // A NaN bound would compare false and silently disable the limit.
    throw new RangeError('maxBytes must be a positive whole number of bytes.');
  }
  if (typeof compact !== 'string') {
    throw malformed('a compact JWS must be a string');
  }
  // Legitimate compact JWS are ASCII, so characters and bytes agree; anything else fails the segment check below.
  if (compact.length > maxBytes) {
    throw new CryptoException(CryptoErrorCode.TOO_LARGE, `The JWS is larger than ${maxBytes} bytes.`, [], {
      maxBytes,
      actualBytes: Buffer.byteLength(compact, 'utf8'),
    });
  }
  const segments = compact.split('.');
  if (segments.length !== 3 || !segments.every((segment) => BASE64URL_SEGMENT.test(segment))) {
    throw malformed('it is not three base64url segments');
  }
  const encodedHeader = segments[0];
  if (encodedHeader.length === 0) {
    throw malformed('its header is empty');
  }
  const header = checkHeader(parseStrictJsonObject(decodeUtf8(encodedHeader, 'header'), 'JWS header'), options.typ);

  const publicJwk = await resolveKey(header.kid);
  if (publicJwk === undefined) {
    throw new CryptoException(CryptoErrorCode.UNKNOWN_KEY, 'The JWS is signed with a key that is not registered.', [], {
      kid: header.kid,
    });
  }
  if (publicJwk.kty !== 'OKP' || publicJwk.crv !== 'Ed25519' || typeof publicJwk.x !== 'string') {
    throw new CryptoException(CryptoErrorCode.UNSUPPORTED_ALGORITHM, 'The registered key is not an Ed25519 public key.', [], {
      kid: header.kid,
    });
  }
  let payloadBytes: Uint8Array;
  try {
    // Only the public members: a resolver that handed over a private JWK must not turn verification into signing.
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x }, JWS_ALGORITHM);
    ({ payload: payloadBytes } = await compactVerify(compact, key, { algorithms: [JWS_ALGORITHM] }));
  } catch (error) {
    throw verificationFailure(error, header.kid);
  }
  const payload = parseStrictJsonObject(decodeUtf8Bytes(payloadBytes, 'payload'), 'JWS payload');
  return { payload, kid: header.kid, header };
}

function checkHeader(header: Record<string, unknown>, expectedType: JwsType): JwsProtectedHeader {
  const { alg, typ, kid, iat } = header;
  if (typeof alg !== 'string') {
    throw malformed('its header has no alg');
  }
  if (alg !== JWS_ALGORITHM) {
    throw new CryptoException(CryptoErrorCode.UNSUPPORTED_ALGORITHM, `Only ${JWS_ALGORITHM} signatures are accepted.`, [], {
      alg: alg.slice(0, 32),
    });
  }
  if ('crit' in header || 'b64' in header) {
    throw malformed('its header uses critical extensions, which are not supported');
  }
  if (typ !== expectedType) {
    throw new CryptoException(CryptoErrorCode.WRONG_TYPE, `The JWS is not of type ${expectedType}.`, [], {
      expected: expectedType,
      actual: typeof typ === 'string' ? typ.slice(0, 64) : null,
    });
  }
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    throw malformed('its header has no usable kid');
  }
  if (typeof iat !== 'number' || !Number.isSafeInteger(iat) || iat < 0) {
    throw malformed('its header has no iat in whole seconds');
  }
  return { alg, typ: expectedType, kid, iat };
}

function verificationFailure(error: unknown, kid: string): CryptoException {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new CryptoException(CryptoErrorCode.BAD_SIGNATURE, 'The JWS signature does not verify.', [], { kid });
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new CryptoException(CryptoErrorCode.UNSUPPORTED_ALGORITHM, `Only ${JWS_ALGORITHM} signatures are accepted.`, [], {
      kid,
    });
  }
  return malformed(error instanceof errors.JOSEError ? `it was refused (${error.code})` : 'it could not be verified');
}

function decodeUtf8(segment: string, what: string): string {
  return decodeUtf8Bytes(Buffer.from(segment, 'base64url'), what);
}

function decodeUtf8Bytes(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw malformed(`its ${what} is not UTF-8`);
  }
}

function malformed(reason: string): CryptoException {
  return new CryptoException(CryptoErrorCode.MALFORMED, `Malformed JWS: ${reason}.`);
}
