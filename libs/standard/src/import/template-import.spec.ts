import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bytesOf } from '../testing/csv-sources.js';
import { schemasDir } from '../testing/test-paths.js';
import { testPseudonym } from '../testing/test-records.js';
import { toPseudonymisedRecord } from '../records/case-facts.js';
import { isoDate } from '../time/iso-date.js';
import { validateRecord } from '../validation/validators.js';
import { type ImportedCase, runImport } from './csv-import.js';
import type { ImportReport } from './import-problem.js';
import { TEMPLATE_COLUMNS, importTemplateCsv } from './template-format.js';

const examplePath = path.join(schemasDir, 'examples', 'cases-template.csv');
const header = [...TEMPLATE_COLUMNS.required, 'birthDate', 'ageGroup', 'labourSector'].join(',');

function row(cells: Partial<Record<string, string>>): string {
  const defaults: Record<string, string> = {
    personId: 'P-1',
    registrationDate: '2026-07-02',
    legalStatus: 'IDENTIFIED_VICTIM',
    sex: 'F',
    citizenship: 'RO',
    exploitation: 'SEXUAL',
    registeringOrganisation: 'POLICE',
    crossBorder: 'CROSS_BORDER',
    consentStatistics: 'true',
    consentInternational: 'true',
    birthDate: '',
    ageGroup: 'Y18-24',
    labourSector: '',
  };
  return header
    .split(',')
    .map((column) => cells[column] ?? defaults[column] ?? '')
    .join(',');
}

async function importText(text: string): Promise<{ cases: ImportedCase[]; report: ImportReport }> {
  const cases: ImportedCase[] = [];
  const report = await runImport(importTemplateCsv(bytesOf(text), { country: 'DE' }), (imported) => {
    cases.push(imported);
  });
  return { cases, report };
}

describe('template import', () => {
  it('imports the example file completely', async () => {
    const cases: ImportedCase[] = [];
    const report = await runImport(importTemplateCsv(examplePath, { country: 'DE' }), (imported) => {
      cases.push(imported);
    });
    expect(report).toMatchObject({ format: 'template', outcome: 'CLEAN', rowsRead: 5, accepted: 5, rejected: 0 });
    expect(report.mappedValues).toEqual([{ column: 'citizenship', sourceValue: 'GR', mappedTo: 'EL', count: 1 }]);
    expect(cases.map((imported) => [imported.row, imported.line, imported.personId])).toEqual([
      [1, 2, 'P-0001'],
      [2, 3, 'P-0002'],
      [3, 5, 'P-0003'],
      [4, 6, 'P-0004'],
      [5, 7, 'P-0005'],
    ]);
    const [first, second, third, fourth, fifth] = cases;
    // Birthday on the registration day: 18 that day.
    expect(first?.facts).toMatchObject({ ageGroup: 'Y18-24', registration: { precision: 'day', date: '2026-07-02' }, country: 'DE' });
    expect(first?.facts).toMatchObject({
      protection: {
        reflectionPeriod: 90,
        residencePermit: 'TEMPORARY_COOPERATION',
        assistance: true,
        assistanceConditionalOnCooperation: false,
        compensation: 'CLAIMED',
      },
    });
    expect(first?.identity).toEqual({
      givenName: 'Ana',
      familyName: 'Example',
      documentNumber: 'X0000001',
      phone: '+40 700 000 001',
      email: 'ana@example.org',
      address: 'Example street 1, Bucharest',
      birthDate: '2008-07-02',
    });
    expect(second?.facts).toMatchObject({ citizenship: 'EL', exploitation: ['LABOUR', 'DOMESTIC_SERVITUDE'], labourSector: 'A' });
    expect(second?.identity.notes).toBe('Found on a farm; referred by the inspectorate.\nSecond line of the note.');
    expect(third?.facts).toMatchObject({
      ageGroup: 'Y12-17',
      exploitation: ['CRIMINAL_ACTIVITIES', 'BEGGING'],
      consent: { statistics: true, international: false },
    });
    expect(fourth?.facts).toMatchObject({ legalStatus: 'SUSPECT', ageGroup: 'UNK' });
    expect(fourth?.facts && 'registeringOrganisation' in fourth.facts).toBe(false);
    expect(fifth?.facts).toMatchObject({ legalStatus: 'CONVICTED', citizenship: 'STLS', ageGroup: 'Y45-54' });
  });

  it('keeps identity out of the facts, so out of every record', async () => {
    const { cases } = await importText(`${header},givenName,notes\n${row({})},Maria,"Lives at Example street 9"\n`);
    const imported = cases[0];
    expect(imported?.identity).toEqual({ givenName: 'Maria', notes: 'Lives at Example street 9' });
    expect(JSON.stringify(imported?.facts)).not.toMatch(/Maria|Example street/);
    const record = imported && toPseudonymisedRecord(imported.facts, testPseudonym(imported.personId));
    expect(record && validateRecord(record).ok).toBe(true);
  });

  it('rejects a row with every problem it has, by column, and goes on', async () => {
    const text = [
      header,
      row({}),
      row({
        personId: 'P-2',
        sex: 'female',
        citizenship: 'XX',
        exploitation: 'SEXUAL;SLAVERY',
        consentInternational: 'maybe',
        registrationDate: '2026-02-30',
      }),
      row({ personId: 'P-3', legalStatus: 'SUSPECT', labourSector: 'C' }),
      row({ personId: 'P-4', registeringOrganisation: '' }),
      row({ personId: 'P-5', birthDate: '2010-01-01', ageGroup: 'Y25-34' }),
      row({ personId: 'P-6', birthDate: '2027-01-01', ageGroup: '' }),
      row({ personId: 'P-7', ageGroup: '' }),
      row({ personId: '', exploitation: 'SEXUAL;SEXUAL' }),
      'P-9,2026-07-02,IDENTIFIED_VICTIM',
    ].join('\n');
    const { cases, report } = await importText(text);
    expect(cases.map((imported) => imported.personId)).toEqual(['P-1']);
    expect(report).toMatchObject({ outcome: 'ROWS_REJECTED', rowsRead: 9, accepted: 1, rejected: 8, rejectionsNotListed: 0 });
    const problems = Object.fromEntries(
      report.rejections.map((rejection) => [rejection.row, rejection.problems.map((problem) => `${problem.column}:${problem.code}`)]),
    );
    expect(problems).toEqual({
      2: [
        'registrationDate:FORMAT',
        'sex:UNKNOWN_CODE',
        'citizenship:UNKNOWN_CODE',
        'exploitation:UNKNOWN_CODE',
        'consentInternational:FORMAT',
      ],
      3: ['registeringOrganisation:VICTIMS_ONLY', 'labourSector:LABOUR_SECTOR_WITHOUT_LABOUR'],
      4: ['registeringOrganisation:REQUIRED'],
      5: ['ageGroup:AGE_MISMATCH'],
      6: ['birthDate:BIRTH_AFTER_REGISTRATION'],
      7: ['ageGroup:REQUIRED'],
      8: ['personId:REQUIRED', 'exploitation:DUPLICATE_ITEM'],
      9: ['(row):COLUMN_COUNT'],
    });
    expect(report.rejections.find((rejection) => rejection.row === 9)?.line).toBe(10);
    expect(report.problemCounts).toEqual(expect.arrayContaining([{ column: 'registeringOrganisation', code: 'REQUIRED', count: 1 }]));
    expect(JSON.stringify(report)).not.toContain('female');
  });

  it('lists at most the asked number of rejections but counts them all', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => row({ personId: `P-${index}`, sex: 'X' }));
    const report = await runImport(importTemplateCsv(bytesOf([header, ...rows].join('\n')), { country: 'DE', maxRejectionsListed: 10 }));
    expect(report).toMatchObject({ rowsRead: 30, rejected: 30, rejectionsNotListed: 20 });
    expect(report.rejections).toHaveLength(10);
    expect(report.problemCounts).toEqual([{ column: 'sex', code: 'UNKNOWN_CODE', count: 30 }]);
  });

  it('accepts a semicolon file when told so, with Windows line ends and a byte order mark', async () => {
    const text = `\uFEFF${[header, row({}), row({ personId: 'P-2' })].map((line) => line.replaceAll(',', ';')).join('\r\n')}\r\n`;
    const cases: ImportedCase[] = [];
    const report = await runImport(importTemplateCsv(bytesOf(text), { country: 'DE', delimiter: ';' }), (imported) => {
      cases.push(imported);
    });
    expect(report.outcome).toBe('CLEAN');
    expect(cases.map((imported) => imported.personId)).toEqual(['P-1', 'P-2']);
  });
});

describe('template import: what the reliability corpus found', () => {
  it("refuses a registration after the node's today, as the node refuses one typed in", async () => {
    const text = [
      header,
      row({ personId: 'P-1', registrationDate: '2026-07-02' }),
      row({ personId: 'P-2', registrationDate: '2099-01-15' }),
    ].join('\n');
    const report = await runImport(importTemplateCsv(bytesOf(text), { country: 'DE', today: isoDate(2026, 7, 2) }));
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({ row: 2, problems: [{ column: 'registrationDate', code: 'OUT_OF_RANGE' }] });
    // Without a today (a pure reading of the file) the date is only checked for its form.
    expect((await importText(text)).report.accepted).toBe(2);
  });

  it('refuses a row with a NUL character in any cell, naming the column and not the value', async () => {
    const text = [header, row({ personId: 'P-\u0000-1' }), row({ personId: 'P-2' })].join('\n');
    const { report } = await importText(text);
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.rejections[0]?.problems).toEqual([
      { column: 'personId', code: 'FORMAT', message: 'personId contains a NUL character, which is not text' },
    ]);
  });
});
