import {
  STANDARD_VERSION,
  caseFieldsOf,
  validateRecord,
  type Protection,
  type PseudonymisedRecord,
  type QuarterlyReturn,
  type StoredCaseFields,
} from '#app/standard';

/** One registration of the period (the standard's case fields) with what the return needs of its person. */
export type ReturnSourceRow = StoredCaseFields & {
  readonly pseudonym: string;
  /** True when international consent is in force and the person has not revoked it. */
  readonly internationalConsent: boolean;
  readonly protection: Protection | null;
};

export interface ReturnEnvelope {
  readonly returnId: string;
  readonly nodeId: string;
  readonly country: string;
  /** `YYYY-Qn`, or `YYYY` for the registrations known only to the year. */
  readonly period: string;
  readonly revision: number;
  readonly generatedAt: Date;
  /** The rapporteur states that the period had no registration (only on a return with none). */
  readonly confirmedZero?: boolean;
}

/**
 * The return of docs/DATA-STANDARD.md section 3 from the registrations of one period: a record for each registration whose
 * person consented to international transmission; the others are counted as withheld (no consent), as are records
 * that do not pass the standard's validation (invalid), so coverage shows without them. Only coded fields are copied:
 * nothing of the identity can reach a record. Records are ordered by pseudonym and legal status, so the same data
 * always gives the same return.
 */
export function buildQuarterlyReturn(rows: readonly ReturnSourceRow[], envelope: ReturnEnvelope): QuarterlyReturn {
  const records: PseudonymisedRecord[] = [];
  let noConsent = 0;
  let invalid = 0;
  for (const row of rows) {
    if (!row.internationalConsent) {
      noConsent += 1;
      continue;
    }
    const checked = validateRecord(recordOf(row, envelope));
    if (checked.ok) records.push(checked.value);
    else invalid += 1;
  }
  records.sort((a, b) => compareText(a.pseudonym, b.pseudonym) || compareText(a.legalStatus, b.legalStatus));
  return {
    standardVersion: STANDARD_VERSION,
    returnId: envelope.returnId,
    nodeId: envelope.nodeId,
    country: envelope.country as QuarterlyReturn['country'],
    period: envelope.period,
    revision: envelope.revision,
    generatedAt: envelope.generatedAt.toISOString(),
    records,
    withheld: { noConsent, invalid },
    ...(envelope.confirmedZero === true ? { confirmedZero: true } : {}),
  };
}

function recordOf(row: ReturnSourceRow, envelope: ReturnEnvelope): Record<string, unknown> {
  const record: Record<string, unknown> = { pseudonym: row.pseudonym, country: envelope.country, period: envelope.period };
  for (const [name, value] of Object.entries(caseFieldsOf(row))) if (value !== null) record[name] = value;
  if (row.protection !== null) record['protection'] = { ...row.protection };
  record['consent'] = { statistics: true, international: true };
  return record;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
