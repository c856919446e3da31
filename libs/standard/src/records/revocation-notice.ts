import type { CountryCode } from '../code-lists/country-codes.js';
import type { StandardVersion } from '../standard-version.js';

/** Names the pseudonyms whose consent a node's steward revoked; the hub erases their records and sends a receipt. */
export interface RevocationNotice {
  readonly standardVersion: StandardVersion;
  readonly noticeId: string;
  readonly nodeId: string;
  readonly country: CountryCode;
  readonly pseudonyms: readonly string[];
  /** RFC 3339 date-time. */
  readonly issuedAt: string;
}

export const REVOCATION_FIELDS = {
  standardVersion: true,
  noticeId: true,
  nodeId: true,
  country: true,
  pseudonyms: true,
  issuedAt: true,
} as const satisfies Record<keyof RevocationNotice, boolean>;
