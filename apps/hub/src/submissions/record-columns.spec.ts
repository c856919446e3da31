import { describe, expect, it } from '@jest/globals';
import { secretKeyFromBytes } from '#app/crypto';
import { recordKey } from '#app/disclosure';
import type { PseudonymisedRecord } from '#app/standard';
import { HUB_RECORD_COLUMNS, columnRows, recordColumns, sliceColumns } from './record-columns.js';

const secret = secretKeyFromBytes('record-key', new Uint8Array(32).fill(9));
const base = {
  country: 'AT',
  period: '2025-Q2',
  sex: 'M',
  ageGroup: 'Y25-34',
  citizenship: 'NG',
  exploitation: ['LABOUR'],
  labourSector: 'A',
  crossBorder: 'CROSS_BORDER',
  consent: { statistics: true, international: true },
} as const;
const records = [
  {
    ...base,
    pseudonym: 'p'.repeat(43),
    legalStatus: 'PRESUMED_VICTIM',
    registeringOrganisation: 'LABOUR_INSPECTION',
    protection: { reflectionPeriod: 30, residencePermit: 'TEMPORARY_COOPERATION', assistance: true, compensation: 'CLAIMED' },
  },
  { ...base, pseudonym: 'q'.repeat(43), legalStatus: 'SUSPECT' },
] as unknown as PseudonymisedRecord[];

describe('record columns', () => {
  const columns = recordColumns(records, secret);

  it("keeps the standard's fields, victims-only fields null for offenders, and lists as comma-joined text", () => {
    expect(columns['legal_status']).toEqual(['PRESUMED_VICTIM', 'SUSPECT']);
    expect(columns['exploitation']).toEqual(['LABOUR', 'LABOUR']);
    expect(columns['labour_sector']).toEqual(['A', 'A']);
    expect(columns['registering_organisation']).toEqual(['LABOUR_INSPECTION', null]);
    expect(columns['residence_permit']).toEqual(['TEMPORARY_COOPERATION', null]);
    expect(columns['reflection_period']).toEqual([30, null]);
    expect(columns['returned']).toEqual([null, null]);
  });

  it('adds the catalogue leaves and the record key of each pseudonym', () => {
    expect(columns['age_detailed']).toEqual(['Y25-34', null]);
    expect(columns['age_class']).toEqual(['Y_GE18', null]);
    expect(columns['citizen']).toEqual(['NON_EU', null]);
    expect(columns['permit']).toEqual(['TEMPORARY_COOPERATION', null]);
    expect(columns['compens']).toEqual(['CLAIMED', null]);
    expect(columns['return_code']).toEqual(['UNK', null]);
    expect(columns['record_key']).toEqual(records.map((record) => recordKey(record.pseudonym, secret).toString()));
    expect(Number(columns['record_key']?.[0])).toBeLessThan(2 ** 52);
  });

  it('has one array per stored column, each a value per record', () => {
    expect(Object.keys(columns)).toEqual(HUB_RECORD_COLUMNS.map(({ column }) => column));
    expect(Object.values(columns).every((values) => values.length === records.length)).toBe(true);
    expect(columnRows(columns)).toBe(2);
    expect(columns['assistance']).toEqual([true, null]);
    expect(columns['assistance_conditional']).toEqual([null, null]);
  });

  it('slices every column alike', () => {
    const second = sliceColumns(columns, 1, 2);
    expect(second['pseudonym']).toEqual(['q'.repeat(43)]);
    expect(second['record_key']).toEqual([columns['record_key']?.[1]]);
    expect(Object.values(second).every((values) => values.length === 1)).toBe(true);
  });
});
