import type { CountryCode } from '../code-lists/country-codes.js';
import type { StandardVersion } from '../standard-version.js';
import type { PseudonymisedRecord } from './pseudonymised-record.js';

/**
 * What a node sends for one country and period (docs/DATA-STANDARD.md section 3). `period` is a quarter; a return for a
 * year carries only records whose registration is known to the year alone (imported CTDC-like sources), so the hub
 * can count them in annual figures without pretending to know their quarter.
 */
export interface QuarterlyReturn {
  readonly standardVersion: StandardVersion;
  readonly returnId: string;
  readonly nodeId: string;
  readonly country: CountryCode;
  readonly period: string;
  /** A higher revision replaces the node's earlier records for this country and period. */
  readonly revision: number;
  /** RFC 3339 date-time. */
  readonly generatedAt: string;
  readonly records: readonly PseudonymisedRecord[];
  /** Records of the period not sent, so that coverage is visible without them. */
  readonly withheld: { readonly noConsent: number; readonly invalid: number };
  /**
   * The national rapporteur states that nothing was registered in the period (a true zero, flagged `-` when
   * published), rather than a period submitted by mistake. Only on a return with no records and nothing withheld.
   */
  readonly confirmedZero?: true;
  readonly notes?: string;
}

export const RETURN_FIELDS = {
  standardVersion: true,
  returnId: true,
  nodeId: true,
  country: true,
  period: true,
  revision: true,
  generatedAt: true,
  records: true,
  withheld: true,
  confirmedZero: false,
  notes: false,
} as const satisfies Record<keyof QuarterlyReturn, boolean>;
