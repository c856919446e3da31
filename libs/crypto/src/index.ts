// Key derivation, pseudonyms, identity vault encryption and JWS for the national nodes and the hub.
// Importing this library waits once for libsodium to initialise; every function below is then ready to call.
export { CryptoErrorCode, CryptoException, VaultException } from './crypto.exception.js';
export type { VaultErrorCode } from './crypto.exception.js';

export { SECRET_KEY_BYTES, secretKeyFromBytes } from './secret-key.js';
export type { MasterSecret, PseudonymKey, RecordKeySecret, SecretKey, SecretKeyPurpose, VaultKey } from './secret-key.js';

export { MASTER_KEY_FILE_NAME, loadOrCreateMasterSecret, masterSecretFromBase64Url } from './key-folder.js';
export type { LoadedMasterSecret, MasterSecretOptions } from './key-folder.js';

export { HUB_KDF_CONTEXT, HubSubkeyId, NODE_KDF_CONTEXT, NodeSubkeyId, deriveHubKeys, deriveNodeKeys } from './key-derivation.js';
export type { HubKeys, NodeKeys, SigningKeyPair } from './key-derivation.js';

export { publicSigningJwkFrom, signingKeyToJwk } from './signing-jwk.js';
export type { PrivateSigningJwk, PublicSigningJwk, SigningJwks } from './signing-jwk.js';

export { PSEUDONYM_BYTES, PSEUDONYM_PATTERN, isPseudonym, pseudonymOf, pseudonymsOf } from './pseudonym.js';

export { isShredded, openIdentity, sealIdentity, shredIdentity } from './identity-vault.js';
export type { IdentityFields, SealedIdentity, ShreddedIdentity, StoredIdentity } from './identity-vault.js';

export { findDuplicateKey, parseStrictJsonObject } from './strict-json.js';

export { DEFAULT_MAX_JWS_BYTES, JWS_ALGORITHM, JwsTypes, signJws, verifyJws } from './jws.js';
export type {
  JwsProtectedHeader,
  JwsSigningKey,
  JwsType,
  PublicKeyResolver,
  SignJwsOptions,
  VerifiedJws,
  VerifyJwsOptions,
} from './jws.js';

export {
  DEFAULT_NODE_KEY_DIR,
  KEY_DIR_ENV,
  NODE_MASTER_SECRET_ENV,
  NODE_PUBLIC_KEY_USAGE,
  UsageError,
  nodePublicKey,
  parseNodePublicKeyArguments,
} from './node-public-key.js';
export type { NodePublicKeyRequest, NodePublicKeyResult } from './node-public-key.js';
