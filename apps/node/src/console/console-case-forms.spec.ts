import { describe, expect, it } from '@jest/globals';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS } from '#app/standard';
import { ImportJobState, type ImportJob } from './console-imports.service.js';
import { importReportCsv } from './console-import-pages.js';
import {
  CASE_FORM_FIELDS,
  formFieldOfPath,
  formValuesOfIdentity,
  formValuesOfRegistration,
  identityInputOf,
  registrationInputOf,
} from './console-case-forms.js';

describe('console case forms', () => {
  it('has a form field for every field of the standard’s record', () => {
    for (const field of CASE_FIELDS) expect(CASE_FORM_FIELDS.has(field.name)).toBe(true);
    for (const field of PROTECTION_FIELD_DESCRIPTORS) expect(CASE_FORM_FIELDS.has(`protection.${field.name}`)).toBe(true);
  });

  it('places each problem of the cases service beside its field, and none beside a field the form lacks', () => {
    expect(formFieldOfPath('input.registrations.0.sex')).toBe('sex');
    expect(formFieldOfPath('input.registrations.0.protection.reflectionPeriod')).toBe('protection.reflectionPeriod');
    expect(formFieldOfPath('input.identity.birthDate')).toBe('identity.birthDate');
    expect(formFieldOfPath('identity.birthDate')).toBe('identity.birthDate');
    expect(formFieldOfPath('input.consent.givenOn')).toBe('consent.givenOn');
    expect(formFieldOfPath('input.externalRef')).toBe('externalRef');
    expect(formFieldOfPath('input.registrations.0')).toBeUndefined();
    expect(formFieldOfPath('input')).toBeUndefined();
  });

  it('reads a registration form as the service takes it: lists as lists, counts and facts typed, empty fields left out', () => {
    const input = registrationInputOf({
      registrationDate: ' 2026-02-03 ',
      registrationYear: '',
      legalStatus: 'IDENTIFIED_VICTIM',
      sex: 'F',
      ageGroup: '',
      exploitation: ['SEXUAL', 'LABOUR'],
      'protection.reflectionPeriod': '30',
      'protection.assistance': 'false',
      'protection.residencePermit': '',
    });
    expect(input).toEqual({
      registrationDate: '2026-02-03',
      legalStatus: 'IDENTIFIED_VICTIM',
      sex: 'F',
      exploitation: ['SEXUAL', 'LABOUR'],
      protection: { reflectionPeriod: 30, assistance: false },
    });
    // A count that is no number stays text, so the standard's check names the field.
    expect(registrationInputOf({ 'protection.reflectionPeriod': 'thirty', exploitation: 'SEXUAL' })).toEqual({
      exploitation: ['SEXUAL'],
      protection: { reflectionPeriod: 'thirty' },
    });
  });

  it('fills a correction form with the stored registration and reads it back unchanged', () => {
    const stored = {
      id: '7d0e4c4e-52a4-4b7e-9a3c-2f1e0c2b1a01',
      personId: '7d0e4c4e-52a4-4b7e-9a3c-2f1e0c2b1a02',
      registrationDate: null,
      period: '2025',
      legalStatus: 'PRESUMED_VICTIM',
      sex: 'M',
      ageGroup: 'Y25-34',
      citizenship: 'RO',
      exploitation: ['LABOUR'],
      labourSector: 'A',
      registeringOrganisation: 'NGO',
      crossBorder: 'DOMESTIC',
      protection: {
        reflectionPeriod: 60,
        residencePermit: null,
        assistance: true,
        assistanceConditionalOnCooperation: null,
        compensation: null,
        returned: null,
      },
    };
    const values = formValuesOfRegistration(stored as never);
    expect(values['registrationYear']).toBe('2025');
    expect(registrationInputOf(values)).toMatchObject({
      registrationYear: 2025,
      exploitation: ['LABOUR'],
      labourSector: 'A',
      protection: { reflectionPeriod: 60, assistance: true },
    });
  });

  it('reads document numbers one per line, and an identity back into its form', () => {
    const identity = identityInputOf({ 'identity.givenNames': 'Ana', 'identity.documentNumbers': 'X1\r\n\r\n X2 ', 'identity.phone': '' });
    expect(identity).toEqual({ givenNames: 'Ana', documentNumbers: ['X1', 'X2'] });
    const values = formValuesOfIdentity({
      ...identity,
      familyNames: null,
      birthDate: null,
      phone: null,
      email: null,
      address: null,
      notes: null,
    } as never);
    expect(values).toEqual({ 'identity.givenNames': 'Ana', 'identity.documentNumbers': 'X1\nX2' });
  });
});

describe('import report CSV', () => {
  it('lists problems and mapped values, quoting where needed and defusing what a spreadsheet would run', () => {
    const job: ImportJob = {
      id: '7d0e4c4e-52a4-4b7e-9a3c-2f1e0c2b1a03',
      fileName: 'cases.csv',
      fileBytes: 10,
      subject: 'someone',
      format: 'ctdc',
      startedAt: new Date(),
      estimatedRows: 2,
      rowsRead: 2,
      state: ImportJobState.COMMITTED,
      report: {
        format: 'ctdc',
        outcome: 'ROWS_REJECTED',
        rowsRead: 2,
        accepted: 1,
        rejected: 1,
        rejections: [{ row: 2, line: 3, problems: [{ column: 'gender', code: 'UNKNOWN_CODE', message: 'not a code, "really"' }] }],
        rejectionsNotListed: 0,
        problemCounts: [],
        mappedValues: [{ column: 'citizenship', sourceValue: '=HYPERLINK("x")', mappedTo: 'UNK', count: 1 }],
        acceptedByCountry: {},
      },
    };
    const lines = importReportCsv(job)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('kind,row,line,column,code,message,source_value,mapped_to,count');
    expect(lines).toContain('rejection,2,3,gender,UNKNOWN_CODE,"not a code, ""really""",,,');
    expect(lines).toContain(`mapped,,,citizenship,,,"'=HYPERLINK(""x"")",UNK,1`);
  });
});
