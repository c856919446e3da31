import { describe, expect, it } from '@jest/globals';
import { testPseudonym } from '../testing/test-records.js';
import { parseIsoDate } from '../time/iso-date.js';
import { validateRecord } from '../validation/validators.js';
import { type CaseFacts, registrationPeriod, toPseudonymisedRecord } from './case-facts.js';

const victim: CaseFacts = {
  country: 'EL',
  registration: { precision: 'day', date: parseIsoDate('2026-03-31') },
  legalStatus: 'PRESUMED_VICTIM',
  sex: 'M',
  ageGroup: 'Y25-34',
  citizenship: 'PK',
  exploitation: ['LABOUR'],
  labourSector: 'A',
  registeringOrganisation: 'LABOUR_INSPECTION',
  crossBorder: 'CROSS_BORDER',
  protection: { reflectionPeriod: 90, residencePermit: 'TEMPORARY_COOPERATION' },
  consent: { statistics: true, international: true },
};

describe('records from case facts', () => {
  it('takes the quarter of a dated registration and the year of a year-only one', () => {
    expect(registrationPeriod({ precision: 'day', date: parseIsoDate('2026-03-31') })).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(registrationPeriod({ precision: 'day', date: parseIsoDate('2026-04-01') })).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(registrationPeriod({ precision: 'year', year: 2016 })).toEqual({ kind: 'year', year: 2016 });
  });

  it('builds valid records for victims and offenders', () => {
    const record = toPseudonymisedRecord(victim, testPseudonym('p1'));
    expect(record).toEqual({
      pseudonym: testPseudonym('p1'),
      country: 'EL',
      period: '2026-Q1',
      legalStatus: 'PRESUMED_VICTIM',
      sex: 'M',
      ageGroup: 'Y25-34',
      citizenship: 'PK',
      exploitation: ['LABOUR'],
      labourSector: 'A',
      registeringOrganisation: 'LABOUR_INSPECTION',
      crossBorder: 'CROSS_BORDER',
      protection: { reflectionPeriod: 90, residencePermit: 'TEMPORARY_COOPERATION' },
      consent: { statistics: true, international: true },
    });
    expect(validateRecord(record).ok).toBe(true);
    const offender: CaseFacts = {
      country: 'EL',
      registration: { precision: 'year', year: 2016 },
      legalStatus: 'SUSPECT',
      sex: 'F',
      ageGroup: 'UNK',
      citizenship: 'UNK',
      exploitation: ['UNK'],
      crossBorder: 'UNK',
      consent: { statistics: true, international: false },
    };
    const offenderRecord = toPseudonymisedRecord(offender, testPseudonym('p2'));
    expect(offenderRecord.period).toBe('2016');
    expect('registeringOrganisation' in offenderRecord).toBe(false);
    expect(validateRecord(offenderRecord).ok).toBe(true);
  });

  it('copies statistical fields only, whatever else the object carries', () => {
    const withIdentity = { ...victim, givenName: 'Maria', birthDate: '1990-04-12' } as CaseFacts;
    expect(JSON.stringify(toPseudonymisedRecord(withIdentity, testPseudonym('p3')))).not.toMatch(/Maria|1990/);
  });

  it('refuses a malformed pseudonym', () => {
    expect(() => toPseudonymisedRecord(victim, 'person-17')).toThrow('43 base64url');
  });
});
