import { deriveNodeKeys } from './key-derivation.js';
import { loadOrCreateMasterSecret } from './key-folder.js';
import { signingKeyToJwk, type PublicSigningJwk } from './signing-jwk.js';

/** Where a node keeps its key folder unless told otherwise (relative to the working directory). */
export const DEFAULT_NODE_KEY_DIR = '.data/node/keys';
/** Environment variable naming the key folder. */
export const KEY_DIR_ENV = 'KEY_DIR';
/** Environment variable that may carry a node's master secret (base64url) instead of the key folder. */
export const NODE_MASTER_SECRET_ENV = 'NODE_MASTER_SECRET';

export interface NodePublicKeyRequest {
  readonly keyDir: string;
  readonly envSecret?: string;
}

export interface NodePublicKeyResult {
  readonly publicJwk: PublicSigningJwk;
  /** True when the master secret did not exist and was created by this call. */
  readonly created: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const NODE_PUBLIC_KEY_USAGE = `usage: node-public-key [--key-dir <dir>]
  Prints the node's public signing key as a JWK (with kid) on stdout, creating the master secret if absent.
  --key-dir <dir>  key folder (default: $${KEY_DIR_ENV}, else ${DEFAULT_NODE_KEY_DIR})
  $${NODE_MASTER_SECRET_ENV}  master secret as base64url; when set, the key folder is not used`;

/** Reads `--key-dir <dir>` or `--key-dir=<dir>`, falling back to the environment and then the default. */
export function parseNodePublicKeyArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): NodePublicKeyRequest {
  let keyDir: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--key-dir') {
      keyDir = argv[index + 1];
      index += 1;
      if (keyDir === undefined || keyDir.length === 0 || keyDir.startsWith('--')) {
        throw new UsageError(`--key-dir needs a folder.\n${NODE_PUBLIC_KEY_USAGE}`);
      }
    } else if (argument?.startsWith('--key-dir=')) {
      keyDir = argument.slice('--key-dir='.length);
      if (keyDir.length === 0) {
        throw new UsageError(`--key-dir needs a folder.\n${NODE_PUBLIC_KEY_USAGE}`);
      }
    } else {
      throw new UsageError(`Unknown argument ${JSON.stringify(argument)}.\n${NODE_PUBLIC_KEY_USAGE}`);
    }
  }
  const envSecret = env[NODE_MASTER_SECRET_ENV];
  return {
    keyDir: keyDir ?? (env[KEY_DIR_ENV] || DEFAULT_NODE_KEY_DIR),
    ...(envSecret ? { envSecret } : {}),
  };
}

/** The node's public signing JWK, from its master secret (created on first use). */
export async function nodePublicKey(request: NodePublicKeyRequest): Promise<NodePublicKeyResult> {
  const { masterSecret, created } = await loadOrCreateMasterSecret(request.keyDir, { envSecret: request.envSecret });
  const { signing } = deriveNodeKeys(masterSecret);
  const jwks = await signingKeyToJwk(signing);
  return { publicJwk: jwks.public, created };
}
