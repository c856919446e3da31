import { Buffer } from 'node:buffer';
import { padToBlock, unpadFromBlock } from './block-padding.js';
import { CryptoErrorCode, VaultException } from './crypto.exception.js';
import { RandomPool } from './random-pool.js';
import { SECRET_KEY_BYTES, type VaultKey } from './secret-key.js';
import { sodium } from './sodium.js';

/** The identity block of a person (docs/DATA-STANDARD.md section 1). Lives only in the node's vault, encrypted. */
export interface IdentityFields {
  readonly givenNames?: string;
  readonly familyNames?: string;
  /** ISO 8601 calendar date (`YYYY-MM-DD`), or as much of it as is known. */
  readonly birthDate?: string;
  readonly documentNumbers?: readonly string[];
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly notes?: string;
}

/**
 * A person's identity as the vault stores it. The identity is encrypted under a random per-person key; that key is
 * stored only wrapped by the vault key. Both layers are XChaCha20-Poly1305-IETF with the person id in the associated
 * data, so a record copied onto another person does not open.
 */
export interface SealedIdentity {
  readonly ciphertext: Uint8Array;
  /** 24 bytes. */
  readonly nonce: Uint8Array;
  /** The per-person key encrypted under the vault key (32 + 16 bytes). */
  readonly wrappedKey: Uint8Array;
  /** 24 bytes. */
  readonly wrapNonce: Uint8Array;
}

/** After shredding only the undecipherable ciphertext remains. */
export interface ShreddedIdentity {
  readonly ciphertext: Uint8Array;
  readonly nonce: Uint8Array;
  readonly wrappedKey: null;
  readonly wrapNonce: null;
}

/** What `openIdentity` accepts: a row as read back from storage, whose wrapped key may have been deleted. */
export interface StoredIdentity {
  readonly ciphertext: Uint8Array;
  readonly nonce: Uint8Array;
  readonly wrappedKey: Uint8Array | null;
  readonly wrapNonce: Uint8Array | null;
}

const NONCE_BYTES = 24;
const TAG_BYTES = 16;
/** Plaintexts are padded to a multiple of this, so the ciphertext length says little about name lengths. */
const PADDING_BLOCK_BYTES = 64;
/** Version and purpose labels bound into the associated data: a v2 scheme or a swapped layer cannot pass as v1. */
const IDENTITY_LABEL = 'thb-vault/v1/identity\u0000';
const KEY_WRAP_LABEL = 'thb-vault/v1/person-key\u0000';

const randomPool = new RandomPool();

const TEXT_FIELDS = ['givenNames', 'familyNames', 'birthDate', 'phone', 'email', 'address', 'notes'] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set<string>([...TEXT_FIELDS, 'documentNumbers']);

/** Encrypts a person's identity under a fresh per-person key, wrapped by the vault key. */
export function sealIdentity(personId: string, identity: IdentityFields, vaultKey: VaultKey): SealedIdentity {
  assertVaultKey(vaultKey);
  assertPersonId(personId);
  const encoded = encodeIdentity(identity);
  const plaintext = padToBlock(encoded, PADDING_BLOCK_BYTES);
  sodium.memzero(encoded);
  // The system CSPRNG through a pool: libsodium.js's randombytes costs about 60 us a call.
  const random = randomPool.take(SECRET_KEY_BYTES + 2 * NONCE_BYTES);
  const personKey = random.subarray(0, SECRET_KEY_BYTES);
  const nonce = random.slice(SECRET_KEY_BYTES, SECRET_KEY_BYTES + NONCE_BYTES);
  const wrapNonce = random.slice(SECRET_KEY_BYTES + NONCE_BYTES);

  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    plaintext,
    associatedData(IDENTITY_LABEL, personId),
    null,
    nonce,
    personKey,
  );
  const wrappedKey = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    personKey,
    associatedData(KEY_WRAP_LABEL, personId),
    null,
    wrapNonce,
    vaultKey,
  );
  sodium.memzero(random);
  sodium.memzero(plaintext);
  return { ciphertext, nonce, wrappedKey, wrapNonce };
}

/**
 * Decrypts a person's identity. Throws `KEY_SHREDDED` when the wrapped key has been deleted and
 * `DECRYPTION_FAILED` when anything does not authenticate (tampering, another person's record, another vault key).
 */
export function openIdentity(personId: string, stored: StoredIdentity, vaultKey: VaultKey): IdentityFields {
  assertVaultKey(vaultKey);
  assertPersonId(personId);
  if (stored.wrappedKey === null || stored.wrappedKey.length === 0) {
    throw new VaultException(CryptoErrorCode.KEY_SHREDDED, 'The identity was shredded: its key no longer exists.');
  }
  if (
    stored.wrapNonce === null ||
    stored.wrapNonce.length !== NONCE_BYTES ||
    stored.nonce.length !== NONCE_BYTES ||
    stored.wrappedKey.length !== SECRET_KEY_BYTES + TAG_BYTES ||
    stored.ciphertext.length < TAG_BYTES + PADDING_BLOCK_BYTES
  ) {
    throw decryptionFailed('a stored field has the wrong length');
  }
  const personKey = decryptOrUndefined(stored.wrappedKey, associatedData(KEY_WRAP_LABEL, personId), stored.wrapNonce, vaultKey);
  if (personKey === undefined) {
    throw decryptionFailed('the person key does not authenticate');
  }
  const padded = decryptOrUndefined(stored.ciphertext, associatedData(IDENTITY_LABEL, personId), stored.nonce, personKey);
  sodium.memzero(personKey);
  if (padded === undefined) {
    throw decryptionFailed('the identity does not authenticate');
  }
  try {
    const unpadded = unpadFromBlock(padded, PADDING_BLOCK_BYTES);
    if (unpadded === undefined) {
      throw decryptionFailed('the padding is invalid');
    }
    return decodeIdentity(unpadded);
  } finally {
    sodium.memzero(padded);
  }
}

/**
 * The record as it must be stored after revocation: the wrapped key is gone (and wiped in this copy). Deleting it from
 * the database row is what makes the identity unrecoverable; nothing else holds the per-person key.
 */
export function shredIdentity(stored: StoredIdentity): ShreddedIdentity {
  if (stored.wrappedKey !== null) {
    sodium.memzero(stored.wrappedKey);
  }
  return { ciphertext: stored.ciphertext, nonce: stored.nonce, wrappedKey: null, wrapNonce: null };
}

export function isShredded(stored: StoredIdentity): stored is ShreddedIdentity {
  return stored.wrappedKey === null || stored.wrappedKey.length === 0;
}

/** Canonical JSON of the known fields only, in a fixed order. */
function encodeIdentity(identity: IdentityFields): Uint8Array {
  return Buffer.from(JSON.stringify(canonicalIdentity(identity)), 'utf8');
}

function decodeIdentity(plaintext: Uint8Array): IdentityFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength).toString('utf8'));
  } catch {
    throw new VaultException(CryptoErrorCode.MALFORMED, 'The decrypted identity is not valid JSON.');
  }
  return canonicalIdentity(parsed);
}

/**
 * Checks the shape at run time (callers may hand over objects built from untyped input) and refuses unknown
 * properties rather than dropping them silently. Errors name the field, never its value.
 */
function canonicalIdentity(value: unknown): IdentityFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VaultException(CryptoErrorCode.MALFORMED, 'An identity must be an object.');
  }
  const record = value as Record<string, unknown>;
  const unknownField = Object.keys(record).find((key) => !KNOWN_FIELDS.has(key) && record[key] !== undefined);
  if (unknownField !== undefined) {
    throw new VaultException(CryptoErrorCode.MALFORMED, `An identity has no field ${JSON.stringify(unknownField)}.`, [unknownField]);
  }
  const canonical: Record<string, string | readonly string[]> = {};
  for (const field of TEXT_FIELDS) {
    const fieldValue = record[field];
    if (fieldValue === undefined) {
      continue;
    }
    if (typeof fieldValue !== 'string') {
      throw new VaultException(CryptoErrorCode.MALFORMED, `Identity field ${field} must be a string.`, [field]);
    }
    canonical[field] = fieldValue;
  }
  const documents = record['documentNumbers'];
  if (documents !== undefined) {
    if (!Array.isArray(documents) || !documents.every((entry) => typeof entry === 'string')) {
      throw new VaultException(CryptoErrorCode.MALFORMED, 'Identity field documentNumbers must be a list of strings.', ['documentNumbers']);
    }
    canonical['documentNumbers'] = [...(documents as string[])];
  }
  return canonical as IdentityFields;
}

function decryptOrUndefined(
  ciphertext: Uint8Array,
  additionalData: Uint8Array,
  nonce: Uint8Array,
  key: Uint8Array,
): Uint8Array | undefined {
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, additionalData, nonce, key);
  } catch {
    return undefined;
  }
}

function associatedData(label: string, personId: string): Uint8Array {
  return Buffer.from(label + personId, 'utf8');
}

function assertVaultKey(vaultKey: VaultKey): void {
  if (vaultKey.length !== SECRET_KEY_BYTES) {
    throw new VaultException(CryptoErrorCode.MALFORMED, `A vault key must be ${SECRET_KEY_BYTES} bytes.`);
  }
}

function assertPersonId(personId: string): void {
  if (personId.length === 0) {
    throw new VaultException(CryptoErrorCode.MALFORMED, 'A person id must not be empty.');
  }
}

function decryptionFailed(reason: string): VaultException {
  return new VaultException(CryptoErrorCode.DECRYPTION_FAILED, `The identity cannot be decrypted: ${reason}.`);
}
