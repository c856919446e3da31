import { CryptoErrorCode, CryptoException } from './crypto.exception.js';

declare const keyPurpose: unique symbol;

/**
 * 32 secret bytes tagged with what they are for, so a vault key cannot be passed where a pseudonym key is expected.
 * Only this library's derivation functions (and `secretKeyFromBytes`) produce them.
 */
export type SecretKey<Purpose extends string> = Uint8Array & { readonly [keyPurpose]: Purpose };

export type MasterSecret = SecretKey<'master'>;
export type PseudonymKey = SecretKey<'pseudonym'>;
export type VaultKey = SecretKey<'vault'>;
/** The hub's secret for record keys of the cell-key method (see docs/DISCLOSURE-CONTROL.md). */
export type RecordKeySecret = SecretKey<'record-key'>;

export type SecretKeyPurpose = 'master' | 'pseudonym' | 'vault' | 'record-key';

export const SECRET_KEY_BYTES = 32;

/**
 * Tags caller-supplied bytes as a key of the given purpose, after checking the length. Copies, so the caller may
 * wipe its buffer. Meant for tests and for keys that come from configuration rather than from derivation.
 */
export function secretKeyFromBytes<Purpose extends SecretKeyPurpose>(purpose: Purpose, bytes: Uint8Array): SecretKey<Purpose> {
  if (bytes.length !== SECRET_KEY_BYTES) {
    throw new CryptoException(CryptoErrorCode.MALFORMED, `A ${purpose} key must be ${SECRET_KEY_BYTES} bytes, got ${bytes.length}.`);
  }
  return Uint8Array.from(bytes) as SecretKey<Purpose>;
}
