import {
  deriveNodeKeys,
  loadOrCreateMasterSecret,
  signingKeyToJwk,
  type JwsSigningKey,
  type PseudonymKey,
  type PublicSigningJwk,
  type VaultKey,
} from '#app/crypto';

/** How the master secret was obtained at start: reported in the start-up log (never the secret itself). */
export type MasterSecretSource = 'environment' | 'file-created' | 'file';

/**
 * The node's purpose keys, derived once at start from its master secret (`<KEY_DIR>/master.key`, created on first
 * start, or `NODE_MASTER_SECRET`). The master secret is not kept after derivation.
 */
export class NodeKeyring {
  private constructor(
    readonly pseudonymKey: PseudonymKey,
    readonly vaultKey: VaultKey,
    readonly signingKey: JwsSigningKey,
    readonly publicJwk: PublicSigningJwk,
    readonly source: MasterSecretSource,
  ) {}

  static async load(keyDir: string, envSecret: string | undefined): Promise<NodeKeyring> {
    const { masterSecret, created, source } = await loadOrCreateMasterSecret(keyDir, { envSecret });
    const keys = deriveNodeKeys(masterSecret);
    masterSecret.fill(0);
    const jwks = await signingKeyToJwk(keys.signing);
    const origin: MasterSecretSource = source === 'environment' ? 'environment' : created ? 'file-created' : 'file';
    return new NodeKeyring(keys.pseudonymKey, keys.vaultKey, { privateJwk: jwks.private, kid: jwks.public.kid }, jwks.public, origin);
  }
}
