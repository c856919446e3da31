import { Injectable } from '@nestjs/common';
import { verifyJws, type JwsType } from '#app/crypto';
import { HubConfig } from '../config/hub.config.js';
import { NodesErrorCode, NodesException } from './nodes.exception.js';
import { NodesService, type RegisteredSigner } from './nodes.service.js';

/** Clock difference tolerated between a node and the hub, as for people's tokens. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface NodeSignedMessage {
  readonly signer: RegisteredSigner;
  /** Parsed strictly (no duplicate keys); not yet validated against the standard. */
  readonly payload: Record<string, unknown>;
}

/**
 * Checks a message a node signed: the JWS against the node's registered active key (libs/crypto errors MALFORMED,
 * UNSUPPORTED_ALGORITHM, UNKNOWN_KEY, BAD_SIGNATURE, WRONG_TYPE, TOO_LARGE pass through unchanged), then that the
 * node is not retired. The signature is the node's only credential.
 */
@Injectable()
export class NodeSignatureVerifier {
  constructor(
    private readonly nodes: NodesService,
    private readonly config: HubConfig,
  ) {}

  async verify(compact: string, typ: JwsType, now = new Date()): Promise<NodeSignedMessage> {
    let signer: RegisteredSigner | undefined;
    const verified = await verifyJws(
      compact,
      async (kid) => {
        signer = await this.nodes.signerOf(kid);
        return signer?.publicJwk;
      },
      { typ, maxBytes: this.config.maxMessageBytes },
    );
    if (signer === undefined) {
      throw new NodesException(NodesErrorCode.KEY_NOT_FOUND, 'The signing key is not registered.');
    }
    if (signer.nodeRetired) {
      throw new NodesException(NodesErrorCode.NODE_RETIRED, `Node ${signer.nodeId} is retired; its messages are refused.`);
    }
    if (verified.header.iat > now.getTime() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
      throw new NodesException(
        NodesErrorCode.SIGNED_IN_FUTURE,
        `The message is signed more than ${MAX_CLOCK_SKEW_SECONDS} seconds ahead of the hub's clock; check the node's clock.`,
        [],
        { maxClockSkewSeconds: MAX_CLOCK_SKEW_SECONDS },
      );
    }
    return { signer, payload: verified.payload };
  }
}
