import { SECRET_KEY_BYTES, type MasterSecret, type PseudonymKey, type RecordKeySecret, type VaultKey } from './secret-key.js';
import { sodium } from './sodium.js';

/**
 * crypto_kdf contexts (exactly 8 bytes). Node and hub use different contexts, so the same master secret could never
 * yield the same key on both sides.
 */
export const NODE_KDF_CONTEXT = 'THBNODE1';
export const HUB_KDF_CONTEXT = 'THBHUB01';

/**
 * Fixed subkey ids. They are part of the stored data's meaning: changing one re-keys every pseudonym or makes every
 * vault record unreadable. Append new purposes with new ids; never renumber.
 */
export const NodeSubkeyId = {
  pseudonym: 1,
  vault: 2,
  signingSeed: 3,
} as const;

export const HubSubkeyId = {
  recordKey: 1,
  signingSeed: 2,
} as const;

/** An Ed25519 key pair in libsodium's layout. */
export interface SigningKeyPair {
  /** 32 bytes. */
  readonly publicKey: Uint8Array;
  /** 64 bytes: the 32-byte seed followed by the public key. */
  readonly privateKey: Uint8Array;
}

export interface NodeKeys {
  readonly pseudonymKey: PseudonymKey;
  readonly vaultKey: VaultKey;
  readonly signing: SigningKeyPair;
}

export interface HubKeys {
  readonly recordKeySecret: RecordKeySecret;
  readonly signing: SigningKeyPair;
}

/** Derives a national node's purpose keys from its master secret; the same master always gives the same keys. */
export function deriveNodeKeys(master: MasterSecret): NodeKeys {
  return {
    pseudonymKey: deriveSubkey(master, NodeSubkeyId.pseudonym, NODE_KDF_CONTEXT) as PseudonymKey,
    vaultKey: deriveSubkey(master, NodeSubkeyId.vault, NODE_KDF_CONTEXT) as VaultKey,
    signing: deriveSigningKeyPair(master, NodeSubkeyId.signingSeed, NODE_KDF_CONTEXT),
  };
}

/** Derives the hub's purpose keys from its master secret; the same master always gives the same keys. */
export function deriveHubKeys(master: MasterSecret): HubKeys {
  return {
    recordKeySecret: deriveSubkey(master, HubSubkeyId.recordKey, HUB_KDF_CONTEXT) as RecordKeySecret,
    signing: deriveSigningKeyPair(master, HubSubkeyId.signingSeed, HUB_KDF_CONTEXT),
  };
}

function deriveSubkey(master: MasterSecret, subkeyId: number, context: string): Uint8Array {
  return sodium.crypto_kdf_derive_from_key(SECRET_KEY_BYTES, subkeyId, context, master);
}

function deriveSigningKeyPair(master: MasterSecret, subkeyId: number, context: string): SigningKeyPair {
  const seed = deriveSubkey(master, subkeyId, context);
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(seed);
  sodium.memzero(seed);
  return { publicKey, privateKey };
}
