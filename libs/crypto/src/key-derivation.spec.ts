import { describe, expect, it } from '@jest/globals';
import { HUB_KDF_CONTEXT, HubSubkeyId, NODE_KDF_CONTEXT, NodeSubkeyId, deriveHubKeys, deriveNodeKeys } from './key-derivation.js';
import { secretKeyFromBytes, type MasterSecret } from './secret-key.js';
import { sodium } from './sodium.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const sequentialMaster = secretKeyFromBytes(
  'master',
  Uint8Array.from({ length: 32 }, (_, index) => index),
);

/** Literal ids and contexts on purpose: renumbering a subkey must break this test, not pass silently. */
function kdfSubkey(master: MasterSecret, subkeyId: number, context: string): string {
  return hex(sodium.crypto_kdf_derive_from_key(32, subkeyId, context, master));
}

describe('derivation constants', () => {
  it('are the documented 8-byte contexts and ids', () => {
    expect([NODE_KDF_CONTEXT, HUB_KDF_CONTEXT]).toEqual(['THBNODE1', 'THBHUB01']);
    expect(NodeSubkeyId).toEqual({ pseudonym: 1, vault: 2, signingSeed: 3 });
    expect(HubSubkeyId).toEqual({ recordKey: 1, signingSeed: 2 });
  });
});

describe('deriveNodeKeys', () => {
  it('is deterministic: the same master gives the same keys', () => {
    const copy = secretKeyFromBytes('master', sequentialMaster);
    const first = deriveNodeKeys(sequentialMaster);
    const second = deriveNodeKeys(copy);
    expect(hex(second.pseudonymKey)).toBe(hex(first.pseudonymKey));
    expect(hex(second.vaultKey)).toBe(hex(first.vaultKey));
    expect(hex(second.signing.publicKey)).toBe(hex(first.signing.publicKey));
    expect(hex(second.signing.privateKey)).toBe(hex(first.signing.privateKey));
  });

  it('keeps the documented subkey ids and context (stored pseudonyms and vault records depend on them)', () => {
    const keys = deriveNodeKeys(sequentialMaster);
    expect(hex(keys.pseudonymKey)).toBe('2381aeea339c07af57f209e7f85f3455c60d226e8293e9a4037baab7fb1b35cf');
    expect(hex(keys.vaultKey)).toBe('cacf0172a28e121193cc7470fae46d18bf667d683e0e5ecc8ed93381c79567a4');
    expect(hex(keys.signing.publicKey)).toBe('2d9290951d59f8f658f415c8bff0ab9fb1a232ec55596f5fb968762da6f95753');
    expect(hex(keys.pseudonymKey)).toBe(kdfSubkey(sequentialMaster, 1, 'THBNODE1'));
    expect(hex(keys.vaultKey)).toBe(kdfSubkey(sequentialMaster, 2, 'THBNODE1'));
  });

  it('derives the signing pair from a seed subkey', () => {
    const seed = sodium.crypto_kdf_derive_from_key(32, 3, 'THBNODE1', sequentialMaster);
    const { signing } = deriveNodeKeys(sequentialMaster);
    expect(hex(signing.publicKey)).toBe(hex(sodium.crypto_sign_seed_keypair(seed).publicKey));
    expect(hex(signing.privateKey.subarray(0, 32))).toBe(hex(seed));
    const message = Buffer.from('quarterly return');
    const signature = sodium.crypto_sign_detached(message, signing.privateKey);
    expect(sodium.crypto_sign_verify_detached(signature, message, signing.publicKey)).toBe(true);
  });

  it('gives every purpose its own key, and different masters different keys', () => {
    const keys = deriveNodeKeys(sequentialMaster);
    const seed = hex(keys.signing.privateKey.subarray(0, 32));
    const distinct = new Set([hex(keys.pseudonymKey), hex(keys.vaultKey), seed, hex(sequentialMaster)]);
    expect(distinct.size).toBe(4);

    const other = deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret);
    expect(hex(other.pseudonymKey)).not.toBe(hex(keys.pseudonymKey));
    expect(hex(other.vaultKey)).not.toBe(hex(keys.vaultKey));
    expect(hex(other.signing.publicKey)).not.toBe(hex(keys.signing.publicKey));
  });

  it('returns keys of the documented sizes', () => {
    const keys = deriveNodeKeys(sequentialMaster);
    expect(keys.pseudonymKey).toHaveLength(32);
    expect(keys.vaultKey).toHaveLength(32);
    expect(keys.signing.publicKey).toHaveLength(32);
    expect(keys.signing.privateKey).toHaveLength(64);
  });
});

describe('deriveHubKeys', () => {
  it('is deterministic and keeps its documented subkey ids and context', () => {
    const first = deriveHubKeys(sequentialMaster);
    const second = deriveHubKeys(secretKeyFromBytes('master', sequentialMaster));
    expect(hex(second.recordKeySecret)).toBe(hex(first.recordKeySecret));
    expect(hex(second.signing.privateKey)).toBe(hex(first.signing.privateKey));
    expect(hex(first.recordKeySecret)).toBe('d9e235c0d006ae7f2a635b0edc38c7ea7137921da6a299c72cdda7927f462264');
    expect(hex(first.signing.publicKey)).toBe('5214487964ef016df70aa8cdd2cb620f9e5a8b24777f11f7f78ac1f620435687');
    expect(hex(first.recordKeySecret)).toBe(kdfSubkey(sequentialMaster, 1, 'THBHUB01'));
  });

  it('never coincides with a node key derived from the same master', () => {
    const hub = deriveHubKeys(sequentialMaster);
    const node = deriveNodeKeys(sequentialMaster);
    const nodeKeys = [hex(node.pseudonymKey), hex(node.vaultKey), hex(node.signing.privateKey.subarray(0, 32))];
    expect(nodeKeys).not.toContain(hex(hub.recordKeySecret));
    expect(nodeKeys).not.toContain(hex(hub.signing.privateKey.subarray(0, 32)));
    expect(hex(hub.signing.publicKey)).not.toBe(hex(node.signing.publicKey));
  });
});
