import { readFile } from 'node:fs/promises';
import { publicSigningJwkFrom, type PublicSigningJwk } from '#app/crypto';

/** Why the hub's keys could not be used; becomes an outbox message's `lastErrorCode`. */
export class HubKeySetUnavailable extends Error {
  readonly code = 'HUB_KEYS_UNAVAILABLE';

  constructor() {
    super('The hub key set (HUB_JWKS_FILE) cannot be read or holds no usable Ed25519 public key.');
    this.name = 'HubKeySetUnavailable';
  }
}

/**
 * The hub's public signing keys, from the JWKS file the operator (or the federation launcher) wrote. Read at each
 * use, so a key rotation at the hub only needs a new file, not a node restart; receipts are rare.
 */
export class HubKeySet {
  constructor(private readonly jwksFile: string | undefined) {}

  /** False when no file is configured: receipts are then stored unverified (development only). */
  get configured(): boolean {
    return this.jwksFile !== undefined;
  }

  /** Keys by kid; throws `HubKeySetUnavailable` when the file is missing, unreadable or holds no usable key. */
  async keysByKid(): Promise<ReadonlyMap<string, PublicSigningJwk>> {
    if (this.jwksFile === undefined) throw new HubKeySetUnavailable();
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.jwksFile, 'utf8'));
    } catch {
      throw new HubKeySetUnavailable();
    }
    const keys = typeof parsed === 'object' && parsed !== null ? (parsed as { keys?: unknown }).keys : undefined;
    const usable = new Map<string, PublicSigningJwk>();
    for (const candidate of Array.isArray(keys) ? keys : []) {
      try {
        const jwk = await publicSigningJwkFrom(candidate);
        usable.set(jwk.kid, jwk);
      } catch {
        // A key of another type (or a malformed one) is skipped; receipts signed with it fail as UNKNOWN_KEY.
      }
    }
    if (usable.size === 0) throw new HubKeySetUnavailable();
    return usable;
  }
}
