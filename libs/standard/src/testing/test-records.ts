// Builders of valid test records; each test changes only what it is about.
import { createHash } from 'node:crypto';
import type { PseudonymisedRecord, VictimRecord } from '../records/pseudonymised-record.js';
import type { QuarterlyReturn } from '../records/quarterly-return.js';

/** A well-formed pseudonym (32 bytes as unpadded base64url), deterministic per seed. */
export function testPseudonym(seed: string | number): string {
  return createHash('sha256').update(String(seed)).digest('base64url');
}

export function victimRecord(overrides: Partial<Record<keyof VictimRecord, unknown>> = {}): PseudonymisedRecord {
  return {
    pseudonym: testPseudonym(1),
    country: 'DE',
    period: '2026-Q3',
    legalStatus: 'IDENTIFIED_VICTIM',
    sex: 'F',
    ageGroup: 'Y18-24',
    citizenship: 'RO',
    exploitation: ['SEXUAL'],
    registeringOrganisation: 'POLICE',
    crossBorder: 'CROSS_BORDER',
    consent: { statistics: true, international: true },
    ...overrides,
  } as PseudonymisedRecord;
}

export function quarterlyReturn(records: readonly unknown[], overrides: Record<string, unknown> = {}): QuarterlyReturn {
  return {
    standardVersion: '1.0.0',
    returnId: '3f1c2a4e-8b7d-4c6a-9e5f-0a1b2c3d4e5f',
    nodeId: 'node-de',
    country: 'DE',
    period: '2026-Q3',
    revision: 1,
    generatedAt: '2026-10-05T09:30:00Z',
    records,
    withheld: { noConsent: 2, invalid: 0 },
    ...overrides,
  } as QuarterlyReturn;
}
