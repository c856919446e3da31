import { describe, expect, it } from '@jest/globals';
import { caseFieldsOf, validateReturn } from '#app/standard';
import { buildQuarterlyReturn, type ReturnSourceRow } from './return-builder.js';

const envelope = {
  returnId: '5a0e8c1e-7c2b-4f7a-9d3e-2b1f0c9a8e71',
  nodeId: 'node-at',
  country: 'AT',
  period: '2026-Q1',
  revision: 2,
  generatedAt: new Date('2026-04-02T10:00:00Z'),
};

/** A well-formed pseudonym starting with `letter` (the last character of 32 bytes in base64url is constrained). */
const pseudonym = (letter: string) => `${letter.repeat(42)}A`;

function row(pseudonymLetter: string, overrides: Partial<ReturnSourceRow> = {}): ReturnSourceRow {
  return {
    pseudonym: pseudonym(pseudonymLetter),
    internationalConsent: true,
    // Every case field, null unless set below: a field added to the standard is absent here until a test sets it.
    ...caseFieldsOf({}),
    legalStatus: 'IDENTIFIED_VICTIM',
    sex: 'F',
    ageGroup: 'Y18-24',
    citizenship: 'RO',
    exploitation: ['SEXUAL'],
    registeringOrganisation: 'POLICE',
    crossBorder: 'CROSS_BORDER',
    protection: null,
    ...overrides,
  };
}

describe('buildQuarterlyReturn', () => {
  it('builds a return that the standard accepts, with the envelope of docs/DATA-STANDARD.md section 3', () => {
    const built = buildQuarterlyReturn([row('B'), row('A', { legalStatus: 'SUSPECT', registeringOrganisation: null })], envelope);
    expect(validateReturn(built)).toMatchObject({ ok: true });
    expect(built).toMatchObject({
      standardVersion: '1.0.0',
      returnId: envelope.returnId,
      nodeId: 'node-at',
      country: 'AT',
      period: '2026-Q1',
      revision: 2,
      generatedAt: '2026-04-02T10:00:00.000Z',
      withheld: { noConsent: 0, invalid: 0 },
    });
    expect(built.records[1]).toEqual({
      pseudonym: pseudonym('B'),
      country: 'AT',
      period: '2026-Q1',
      legalStatus: 'IDENTIFIED_VICTIM',
      sex: 'F',
      ageGroup: 'Y18-24',
      citizenship: 'RO',
      exploitation: ['SEXUAL'],
      registeringOrganisation: 'POLICE',
      crossBorder: 'CROSS_BORDER',
      consent: { statistics: true, international: true },
    });
  });

  it('withholds registrations without international consent and counts them', () => {
    const built = buildQuarterlyReturn(
      [row('A'), row('B', { internationalConsent: false }), row('C', { internationalConsent: false })],
      envelope,
    );
    expect(built.records.map((record) => record.pseudonym)).toEqual([pseudonym('A')]);
    expect(built.withheld).toEqual({ noConsent: 2, invalid: 0 });
  });

  it('withholds and counts registrations the standard refuses instead of sending them', () => {
    const built = buildQuarterlyReturn([row('A', { sex: 'X' }), row('B', { labourSector: 'A' }), row('C')], envelope);
    expect(built.records).toHaveLength(1);
    expect(built.withheld).toEqual({ noConsent: 0, invalid: 2 });
  });

  it('orders records by pseudonym and legal status, so the same data gives the same return', () => {
    const rows = [row('C'), row('A', { legalStatus: 'PRESUMED_VICTIM' }), row('A')];
    const once = buildQuarterlyReturn(rows, envelope);
    const reversed = buildQuarterlyReturn([...rows].reverse(), envelope);
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(once));
    expect(once.records.map((record) => `${record.pseudonym[0]}:${record.legalStatus}`)).toEqual([
      'A:IDENTIFIED_VICTIM',
      'A:PRESUMED_VICTIM',
      'C:IDENTIFIED_VICTIM',
    ]);
  });

  it('copies only coded fields: nothing else of a row can reach a record', () => {
    const withExtra = { ...row('A'), givenNames: 'Never', notes: 'Never either' } as ReturnSourceRow;
    const built = buildQuarterlyReturn([withExtra], envelope);
    expect(JSON.stringify(built)).not.toContain('Never');
  });
});
