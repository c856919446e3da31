import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bytesOf } from '../testing/csv-sources.js';
import { thirdPartyDataDir } from '../testing/test-paths.js';
import { testPseudonym } from '../testing/test-records.js';
import { toPseudonymisedRecord } from '../records/case-facts.js';
import { validateRecord } from '../validation/validators.js';
import { type ImportedCase, runImport } from './csv-import.js';
import { importCtdcCsv } from './ctdc-format.js';
import type { ImportReport } from './import-problem.js';

const ctdcPath = path.join(thirdPartyDataDir, 'ctdc-2020-subset', 'ctdc-2020-subset.csv');
const consent = { statistics: true, international: true };

/** The file read the simplest way (it has no quoted fields), independently of the importer. */
function naiveRows(): Record<string, string>[] {
  const [headerLine, ...lines] = readFileSync(ctdcPath, 'utf8').trimEnd().split('\n');
  const columns = (headerLine ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}

function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const eurostat = (code: string): string => ({ GR: 'EL', GB: 'UK' })[code] ?? code;

describe('CTDC import of the 2020 subset', () => {
  const rows = naiveRows();
  let cases: ImportedCase[] = [];
  let report: ImportReport;

  it('accounts for every row', async () => {
    cases = [];
    report = await runImport(importCtdcCsv(ctdcPath, { consent }), (imported) => {
      cases.push(imported);
    });
    const withoutCountry = rows.filter((row) => row['CountryOfExploitation'] === '' || row['CountryOfExploitation'] === '0');
    expect(rows).toHaveLength(48773);
    expect(report).toMatchObject({
      format: 'ctdc',
      outcome: 'ROWS_REJECTED',
      rowsRead: rows.length,
      accepted: rows.length - withoutCountry.length,
      rejected: withoutCountry.length,
    });
    expect(report.rowsRead).toBe(report.accepted + report.rejected);
    expect(report.problemCounts).toEqual([{ column: 'CountryOfExploitation', code: 'NO_REPORTING_COUNTRY', count: withoutCountry.length }]);
    expect(report.rejectionsNotListed).toBe(withoutCountry.length - 1000);
    expect(report.rejections[0]).toEqual({
      row: 1,
      line: 2,
      problems: [
        {
          column: 'CountryOfExploitation',
          code: 'NO_REPORTING_COUNTRY',
          message: 'no country of exploitation (blank or 0): no country to report the row',
        },
      ],
    });
  });

  it('gives the same counts per country, year and sex as the file itself', () => {
    const expected = tally(
      rows.filter((row) => row['CountryOfExploitation'] !== '' && row['CountryOfExploitation'] !== '0'),
      (row) => `${eurostat(row['CountryOfExploitation'] ?? '')}|${row['yearOfRegistration']}|${row['gender'] === 'Female' ? 'F' : 'M'}`,
    );
    const imported = tally(
      cases,
      ({ facts }) => `${facts.country}|${facts.registration.precision === 'year' ? facts.registration.year : 'day'}|${facts.sex}`,
    );
    expect(imported).toEqual(expected);
    expect(Object.keys(imported).length).toBeGreaterThan(100);
    expect(report.acceptedByCountry).toEqual(tally(cases, ({ facts }) => facts.country));
  });

  it('counts what it mapped to UNK or a coarse code, per column and source value', () => {
    const accepted = rows.filter((row) => row['CountryOfExploitation'] !== '' && row['CountryOfExploitation'] !== '0');
    const mapped = (column: string, sourceValue: string): number | undefined =>
      report.mappedValues.find((entry) => entry.column === column && entry.sourceValue === sourceValue)?.count;
    const count = (predicate: (row: Record<string, string>) => boolean): number => accepted.filter(predicate).length;
    expect(mapped('ageBroad', '9--17')).toBe(count((row) => row['ageBroad'] === '9--17'));
    expect(mapped('ageBroad', '48+')).toBe(count((row) => row['ageBroad'] === '48+'));
    expect(mapped('ageBroad', '')).toBe(count((row) => row['ageBroad'] === ''));
    expect(mapped('ageBroad', '0--8')).toBeUndefined();
    expect(mapped('citizenship', '0')).toBe(count((row) => row['citizenship'] === '0'));
    expect(mapped('registeringOrganisation', '(not in source)')).toBe(accepted.length);
    const noForm = count((row) => row['isForcedLabour'] !== '1.0' && row['isSexualExploit'] !== '1.0');
    const unknownForms = report.mappedValues.filter((entry) => entry.column === 'isForcedLabour+isSexualExploit');
    expect(unknownForms.reduce((sum, entry) => sum + entry.count, 0)).toBe(noForm);
    expect(unknownForms.every((entry) => entry.mappedTo === 'UNK')).toBe(true);
  });

  it('maps each value as documented', () => {
    const byAge = tally(cases, ({ facts }) => facts.ageGroup);
    expect(Object.keys(byAge).sort()).toEqual(['UNK', 'Y0-11', 'Y18-24', 'Y25-34', 'Y_GE18', 'Y_LT18']);
    const first = cases[0];
    expect(first?.personId).toBe(`ctdc-row-${first?.row}`);
    expect(first?.identity).toEqual({});
    expect(first?.facts).toMatchObject({ legalStatus: 'IDENTIFIED_VICTIM', registeringOrganisation: 'UNK', crossBorder: 'UNK', consent });
    const both = cases.find(({ facts }) => facts.exploitation.length === 2);
    expect(both?.facts.exploitation).toEqual(['SEXUAL', 'LABOUR']);
  });

  it('produces valid records with year periods', () => {
    const pseudonym = testPseudonym('any');
    const failures: string[] = [];
    for (const imported of cases) {
      const record = toPseudonymisedRecord(imported.facts, pseudonym);
      const result = validateRecord(record);
      if (!result.ok || !/^\d{4}$/.test(record.period)) failures.push(`row ${imported.row}`);
    }
    expect(cases).toHaveLength(report.accepted);
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

describe('CTDC rows that do not map', () => {
  const header = 'yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,isSexualExploit,CountryOfExploitation,extra';
  it('rejects unknown codes and malformed years, and keeps the options', async () => {
    const text = [
      header,
      '2016,Female,9--17,GB,1.0,,GR,x',
      '2016,Unknown,18--20,PH,0.0,1.0,US,x',
      '16,Female,adult,XX,yes,1.0,QQ,x',
      ',Male,,0,,,0,x',
    ].join('\n');
    const cases: ImportedCase[] = [];
    const report = await runImport(
      importCtdcCsv(bytesOf(text), {
        consent: { statistics: true, international: false },
        legalStatus: 'PRESUMED_VICTIM',
        personIdPrefix: 'ctdc2020:',
      }),
      (imported) => {
        cases.push(imported);
      },
    );
    expect(report).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 3 });
    expect(cases[0]).toMatchObject({
      personId: 'ctdc2020:1',
      facts: {
        country: 'EL',
        citizenship: 'UK',
        ageGroup: 'Y_LT18',
        exploitation: ['LABOUR'],
        legalStatus: 'PRESUMED_VICTIM',
        consent: { international: false },
      },
    });
    const problems = report.rejections.map((rejection) => rejection.problems.map((problem) => `${problem.column}:${problem.code}`));
    expect(problems).toEqual([
      ['gender:UNKNOWN_CODE'],
      [
        'yearOfRegistration:FORMAT',
        'CountryOfExploitation:UNKNOWN_CODE',
        'ageBroad:UNKNOWN_CODE',
        'citizenship:UNKNOWN_CODE',
        'isForcedLabour:UNKNOWN_CODE',
      ],
      ['yearOfRegistration:REQUIRED', 'CountryOfExploitation:NO_REPORTING_COUNTRY'],
    ]);
    expect(report.mappedValues).toEqual(
      expect.arrayContaining([
        { column: 'citizenship', sourceValue: 'GB', mappedTo: 'UK', count: 1 },
        { column: 'ageBroad', sourceValue: '9--17', mappedTo: 'Y_LT18', count: 1 },
      ]),
    );
  });
});

describe('CTDC rows registered after the current year', () => {
  it('are refused when the node gives its current year', async () => {
    const text = [
      'yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,isSexualExploit,CountryOfExploitation',
      '2026,Female,18--20,UA,,1.0,AT',
      '2099,Female,18--20,UA,,1.0,AT',
    ].join('\n');
    const report = await runImport(
      importCtdcCsv(bytesOf(text), { consent: { statistics: true, international: false }, currentYear: 2026 }),
    );
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.rejections[0]?.problems).toEqual([expect.objectContaining({ column: 'yearOfRegistration', code: 'OUT_OF_RANGE' })]);
  });
});
