import {
  deriveHubKeys,
  JwsTypes,
  loadOrCreateMasterSecret,
  signingKeyToJwk,
  signJws,
  type JwsSigningKey,
  type PublicSigningJwk,
  type RecordKeySecret,
} from '#app/crypto';
import { receiptClaims, type ReceiptPayload } from '#app/contract';

/**
 * The hub's own keys, derived once at start from its master secret: the record-key secret of the cell key method and
 * the Ed25519 pair that signs receipts. Nothing here is ever written to the database or a log.
 */
export class HubKeyring {
  private constructor(
    readonly recordKeySecret: RecordKeySecret,
    private readonly signing: JwsSigningKey,
    readonly publicJwk: PublicSigningJwk,
  ) {}

  static async load(keyDir: string, envSecret: string | undefined): Promise<HubKeyring> {
    const { masterSecret } = await loadOrCreateMasterSecret(keyDir, { envSecret });
    const keys = deriveHubKeys(masterSecret);
    const jwks = await signingKeyToJwk(keys.signing);
    return new HubKeyring(keys.recordKeySecret, { privateJwk: jwks.private, kid: jwks.public.kid }, jwks.public);
  }

  /** The public key set served at /.well-known/jwks.json, with which nodes verify receipts. */
  get jwks(): { keys: PublicSigningJwk[] } {
    return { keys: [this.publicJwk] };
  }

  signReceipt(payload: ReceiptPayload, receivedAt: Date): Promise<string> {
    return signJws(receiptClaims(payload), this.signing, { typ: JwsTypes.receipt, issuedAt: receivedAt });
  }
}
