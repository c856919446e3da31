import { describe, expect, it } from '@jest/globals';
import { importTemplateCsv, runImport } from '#app/standard';
import { TEMPLATE_HEADER, csvLine, quartersBetween, syntheticCases } from './synthetic-cases.js';

const options = { country: 'AT', firstPeriod: '2025-Q3', lastPeriod: '2026-Q2', count: 2000, seed: 7 } as const;

async function* csvOf(rows: Iterable<Record<string, string>>): AsyncGenerator<string> {
  yield csvLine(TEMPLATE_HEADER);
  for (const row of rows) yield csvLine(TEMPLATE_HEADER.map((column) => row[column] ?? ''));
}

describe('syntheticCases', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const first = [...syntheticCases(options)];
    expect([...syntheticCases(options)]).toEqual(first);
    expect([...syntheticCases({ ...options, seed: 8 })]).not.toEqual(first);
    expect(first).toHaveLength(2000);
    expect(new Set(first.map((row) => row.personId)).size).toBe(2000);
  });

  it('spreads registrations over every quarter asked for', () => {
    const quarters = new Set([...syntheticCases(options)].map((row) => row.registrationDate.slice(0, 7)));
    // Months of 2025-07 .. 2026-06: twelve months, three per quarter.
    expect([...quarters].sort()).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(quartersBetween('2025-Q4', '2026-Q1')).toEqual(['2025-Q4', '2026-Q1']);
    expect(() => quartersBetween('2026-Q2', '2026-Q1')).toThrow();
  });

  it('writes rows that the standard template importer accepts, every one of them', async () => {
    const report = await runImport(importTemplateCsv(csvOf(syntheticCases(options)), { country: 'AT' }));
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({ rowsRead: 2000, accepted: 2000, rejected: 0 });
  });

  it('draws realistic shares: most registered victims female, a minority of children', () => {
    const rows = [...syntheticCases({ ...options, count: 20000 })];
    const victims = rows.filter((row) => row.legalStatus.endsWith('VICTIM'));
    const femaleShare = victims.filter((row) => row.sex === 'F').length / victims.length;
    expect(femaleShare).toBeGreaterThan(0.6);
    expect(femaleShare).toBeLessThan(0.8);
    const withoutConsent = rows.filter((row) => row.consentInternational === 'false').length / rows.length;
    expect(withoutConsent).toBeGreaterThan(0.05);
    expect(withoutConsent).toBeLessThan(0.11);
  });
});
