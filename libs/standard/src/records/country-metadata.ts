import type { Breakdown, IdentificationThreshold, LegalDefinition } from '../code-lists/code-lists.js';
import type { CountryCode } from '../code-lists/country-codes.js';
import type { StandardVersion } from '../standard-version.js';

/** What a country's figures mean from a period on (docs/DATA-STANDARD.md section 4). */
export interface CountryMetadata {
  readonly standardVersion: StandardVersion;
  readonly country: CountryCode;
  /** First period the entry applies to (`YYYY-Qn` or `YYYY`). */
  readonly validFrom: string;
  /** Last period it applies to; absent while in force. */
  readonly validTo?: string;
  readonly legalDefinition: LegalDefinition;
  readonly identificationThreshold: IdentificationThreshold;
  readonly presumedVictimsIncluded: boolean;
  /** Published as not available (`:`), never as zero. */
  readonly breakdownsNotCollected: readonly Breakdown[];
  readonly footnote?: string;
}

export const COUNTRY_METADATA_FIELDS = {
  standardVersion: true,
  country: true,
  validFrom: true,
  validTo: false,
  legalDefinition: true,
  identificationThreshold: true,
  presumedVictimsIncluded: true,
  breakdownsNotCollected: true,
  footnote: false,
} as const satisfies Record<keyof CountryMetadata, boolean>;
