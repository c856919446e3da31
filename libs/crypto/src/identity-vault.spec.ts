import { describe, expect, it } from '@jest/globals';
import { CryptoErrorCode, CryptoException, VaultException } from './crypto.exception.js';
import { isShredded, openIdentity, sealIdentity, shredIdentity, type IdentityFields, type SealedIdentity } from './identity-vault.js';
import type { VaultKey } from './secret-key.js';
import { sodium } from './sodium.js';

const vaultKey = sodium.crypto_kdf_keygen() as VaultKey;
const personId = 'person-0001';

const fullIdentity: IdentityFields = {
  givenNames: 'Ioana Maria',
  familyNames: 'Popescu-Ştefănescu',
  birthDate: '1998-04-17',
  documentNumbers: ['RO-PASS-05123456', 'ID 778899'],
  phone: '+40 712 345 678',
  email: 'ioana@example.org',
  address: 'Strada Lungă 12, Braşov',
  notes: 'Contact only through the NGO caseworker. 🙏',
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function expectVaultError(action: () => unknown, code: CryptoErrorCode): VaultException {
  const error = thrown(action);
  expect(error).toBeInstanceOf(VaultException);
  expect(error).toBeInstanceOf(CryptoException);
  expect((error as VaultException).code).toBe(code);
  return error as VaultException;
}

function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe('sealIdentity and openIdentity', () => {
  it('round-trips every identity field', () => {
    const sealed = sealIdentity(personId, fullIdentity, vaultKey);
    expect(openIdentity(personId, sealed, vaultKey)).toEqual(fullIdentity);
  });

  it('round-trips an identity with few or no fields', () => {
    expect(openIdentity(personId, sealIdentity(personId, {}, vaultKey), vaultKey)).toEqual({});
    const partial: IdentityFields = { familyNames: 'Nowak', documentNumbers: [] };
    expect(openIdentity(personId, sealIdentity(personId, partial, vaultKey), vaultKey)).toEqual(partial);
  });

  it('uses a fresh key and nonces for every seal', () => {
    const first = sealIdentity(personId, fullIdentity, vaultKey);
    const second = sealIdentity(personId, fullIdentity, vaultKey);
    expect(Buffer.from(first.ciphertext).equals(Buffer.from(second.ciphertext))).toBe(false);
    expect(Buffer.from(first.wrappedKey).equals(Buffer.from(second.wrappedKey))).toBe(false);
    expect(Buffer.from(first.nonce).equals(Buffer.from(second.nonce))).toBe(false);
    expect(Buffer.from(first.wrapNonce).equals(Buffer.from(second.wrapNonce))).toBe(false);
  });

  it('has the documented sizes and pads the plaintext to 64-byte blocks', () => {
    const short = sealIdentity(personId, { givenNames: 'Al' }, vaultKey);
    const longer = sealIdentity(personId, { givenNames: 'Alexandra-Konstantina' }, vaultKey);
    expect(short.nonce).toHaveLength(24);
    expect(short.wrapNonce).toHaveLength(24);
    expect(short.wrappedKey).toHaveLength(48);
    expect((short.ciphertext.length - 16) % 64).toBe(0);
    // Name lengths that fit the same block give ciphertexts of the same length.
    expect(longer.ciphertext).toHaveLength(short.ciphertext.length);
  });

  it('keeps no identity value readable in the stored bytes', () => {
    const sealed = sealIdentity(personId, fullIdentity, vaultKey);
    const stored = Buffer.concat([sealed.ciphertext, sealed.nonce, sealed.wrappedKey, sealed.wrapNonce]);
    for (const value of ['Popescu', 'RO-PASS-05123456', 'ioana@example.org', '1998-04-17']) {
      expect(stored.includes(Buffer.from(value))).toBe(false);
    }
  });
});

describe('openIdentity refuses what does not authenticate', () => {
  const sealed = sealIdentity(personId, fullIdentity, vaultKey);

  it('refuses a record moved to another person', () => {
    expectVaultError(() => openIdentity('person-0002', sealed, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
  });

  it('refuses another person ciphertext under this person key', () => {
    const other = sealIdentity('person-0002', { givenNames: 'Other' }, vaultKey);
    const spliced: SealedIdentity = { ...sealed, ciphertext: other.ciphertext, nonce: other.nonce };
    expectVaultError(() => openIdentity(personId, spliced, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
  });

  it('refuses another vault key', () => {
    const otherVaultKey = sodium.crypto_kdf_keygen() as VaultKey;
    expectVaultError(() => openIdentity(personId, sealed, otherVaultKey), CryptoErrorCode.DECRYPTION_FAILED);
  });

  it.each(['ciphertext', 'nonce', 'wrappedKey', 'wrapNonce'] as const)('refuses a flipped bit in %s', (field) => {
    const stored = sealed[field];
    for (const index of [0, Math.floor(stored.length / 2), stored.length - 1]) {
      const tampered: SealedIdentity = { ...sealed, [field]: flipBit(stored, index) };
      expectVaultError(() => openIdentity(personId, tampered, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
    }
  });

  it('refuses truncated or extended fields', () => {
    const truncated: SealedIdentity = { ...sealed, ciphertext: sealed.ciphertext.subarray(0, sealed.ciphertext.length - 1) };
    expectVaultError(() => openIdentity(personId, truncated, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
    const extended: SealedIdentity = { ...sealed, wrappedKey: Uint8Array.from([...sealed.wrappedKey, 0]) };
    expectVaultError(() => openIdentity(personId, extended, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
    const noWrapNonce = { ...sealed, wrapNonce: null };
    expectVaultError(() => openIdentity(personId, noWrapNonce, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
  });

  it('says nothing about the person or the identity in its errors', () => {
    const error = expectVaultError(() => openIdentity('person-0002', sealed, vaultKey), CryptoErrorCode.DECRYPTION_FAILED);
    const text = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.fields)}`;
    for (const value of ['person-0002', personId, 'Popescu', 'Ioana']) {
      expect(text).not.toContain(value);
    }
  });
});

describe('shredding', () => {
  it('makes the record unopenable with KEY_SHREDDED once the wrapped key is gone', () => {
    const sealed = sealIdentity(personId, fullIdentity, vaultKey);
    const asStored = { ...sealed, wrappedKey: null };
    expectVaultError(() => openIdentity(personId, asStored, vaultKey), CryptoErrorCode.KEY_SHREDDED);
    expectVaultError(() => openIdentity(personId, { ...sealed, wrappedKey: new Uint8Array(0) }, vaultKey), CryptoErrorCode.KEY_SHREDDED);
  });

  it('shredIdentity drops and wipes the wrapped key', () => {
    const sealed = sealIdentity(personId, fullIdentity, vaultKey);
    const wrappedKey = sealed.wrappedKey;
    const shredded = shredIdentity(sealed);
    expect(shredded.wrappedKey).toBeNull();
    expect(shredded.wrapNonce).toBeNull();
    expect(shredded.ciphertext).toBe(sealed.ciphertext);
    expect(wrappedKey.every((byte) => byte === 0)).toBe(true);
    expect(isShredded(shredded)).toBe(true);
    expect(isShredded(sealIdentity(personId, {}, vaultKey))).toBe(false);
    expectVaultError(() => openIdentity(personId, shredded, vaultKey), CryptoErrorCode.KEY_SHREDDED);
  });

  it('leaves other persons readable', () => {
    const kept = sealIdentity('person-0002', { familyNames: 'Kowalska' }, vaultKey);
    shredIdentity(sealIdentity(personId, fullIdentity, vaultKey));
    expect(openIdentity('person-0002', kept, vaultKey)).toEqual({ familyNames: 'Kowalska' });
  });
});

describe('identity shape', () => {
  it('refuses unknown fields rather than dropping them', () => {
    const withExtra = { ...fullIdentity, nationality: 'RO' } as IdentityFields;
    const error = expectVaultError(() => sealIdentity(personId, withExtra, vaultKey), CryptoErrorCode.MALFORMED);
    expect(error.fields).toEqual(['nationality']);
    expect(error.message).not.toContain('RO');
  });

  it('refuses fields of the wrong type without echoing them', () => {
    const numeric = { phone: 40712345678 } as unknown as IdentityFields;
    const error = expectVaultError(() => sealIdentity(personId, numeric, vaultKey), CryptoErrorCode.MALFORMED);
    expect(error.message).not.toContain('40712345678');
    const documents = { documentNumbers: 'RO-PASS-05123456' } as unknown as IdentityFields;
    expectVaultError(() => sealIdentity(personId, documents, vaultKey), CryptoErrorCode.MALFORMED);
  });

  it('refuses an empty person id', () => {
    expectVaultError(() => sealIdentity('', fullIdentity, vaultKey), CryptoErrorCode.MALFORMED);
  });
});
