/**
 * The codes with which the hub refuses a signed message (docs/ARCHITECTURE.md, the node–hub contract): the hub's
 * exceptions take their values from here and the node decides from here whether a retry can help.
 */
export enum ContractRefusalCode {
  // The signature layer (libs/crypto raises these).
  MALFORMED = 'MALFORMED',
  UNSUPPORTED_ALGORITHM = 'UNSUPPORTED_ALGORITHM',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  WRONG_TYPE = 'WRONG_TYPE',
  TOO_LARGE = 'TOO_LARGE',
  // The sender.
  NODE_RETIRED = 'NODE_RETIRED',
  KEY_RETIRED = 'KEY_RETIRED',
  SIGNED_IN_FUTURE = 'SIGNED_IN_FUTURE',
  NODE_MISMATCH = 'NODE_MISMATCH',
  COUNTRY_NOT_ALLOWED = 'COUNTRY_NOT_ALLOWED',
  // The message.
  INVALID_RETURN = 'INVALID_RETURN',
  INVALID_NOTICE = 'INVALID_NOTICE',
  STALE_REVISION = 'STALE_REVISION',
  RETURN_ID_CONFLICT = 'RETURN_ID_CONFLICT',
  NOTICE_ID_CONFLICT = 'NOTICE_ID_CONFLICT',
}

/**
 * Refusals that no retry can cure: the message itself is wrong for the hub. Anything else (the hub down, not knowing
 * the node's key yet, a clock a little ahead, rate limits, internal errors, codes a node does not know) is retried
 * with backoff; the hub's idempotency by message id makes that safe.
 */
export const PERMANENT_REFUSALS: ReadonlySet<string> = new Set<ContractRefusalCode>([
  ContractRefusalCode.MALFORMED,
  ContractRefusalCode.UNSUPPORTED_ALGORITHM,
  ContractRefusalCode.WRONG_TYPE,
  ContractRefusalCode.TOO_LARGE,
  ContractRefusalCode.NODE_RETIRED,
  ContractRefusalCode.COUNTRY_NOT_ALLOWED,
  ContractRefusalCode.INVALID_RETURN,
  ContractRefusalCode.INVALID_NOTICE,
  ContractRefusalCode.STALE_REVISION,
  ContractRefusalCode.NODE_MISMATCH,
]);
