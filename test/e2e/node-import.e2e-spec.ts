import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { CaseImportException } from '../../apps/node/src/imports/case-import.exception.js';
import { CaseImportService, type CaseImportRequest, type CaseImportResult } from '../../apps/node/src/imports/case-import.service.js';
import { NodeTestBed, rowCountsOf } from '../support/node-test-app.js';
import { PERSON_IDENTITY, PERSONS, PREVIEW_RETURN, REVOKE_CONSENT, SUBMIT_RETURN } from '../support/node-operations.js';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const ctdcFile = resolve(repositoryRoot, 'data', 'third-party', 'ctdc-2020-subset', 'ctdc-2020-subset.csv');
// Indonesia: about 1,800 rows of the CTDC file over several years, both sexes.
const COUNTRY = 'ID';

const header =
  'personId,registrationDate,legalStatus,sex,birthDate,ageGroup,citizenship,exploitation,labourSector,registeringOrganisation,' +
  'crossBorder,consentStatistics,consentInternational,givenName,familyName,documentNumber,notes';
const templateRows = [
  'UA-001,2026-01-15,IDENTIFIED_VICTIM,F,1990-06-01,,MD,SEXUAL,,POLICE,CROSS_BORDER,true,true,Olena,Importova,UA-DOC-001,',
  'UA-001,2026-02-20,PRESUMED_VICTIM,F,1990-06-01,,MD,SEXUAL;LABOUR,C,NGO,CROSS_BORDER,true,true,,,,',
  'UA-002,2026-03-03,SUSPECT,M,,Y35-44,GR,LABOUR,A,,DOMESTIC,true,false,,,,"a note, with a comma"',
  'UA-003,2026-03-04,IDENTIFIED_VICTIM,X,,UNK,UA,SEXUAL,,POLICE,DOMESTIC,true,true,,,,',
];

describe('national node: CSV import of cases', () => {
  let bed: NodeTestBed;
  let context: INestApplicationContext;
  let templateFile: string;
  /** Registrations per `year/sex` of this country in the CTDC file, counted independently of the import. */
  const expected = new Map<string, number>();
  let contextOpen = false;

  const importCases = (request: Omit<CaseImportRequest, 'format'> & { format?: CaseImportRequest['format'] }): Promise<CaseImportResult> =>
    context.get(CaseImportService).importCases({ format: 'template', ...request });
  const counts = () => rowCountsOf(context.get(DataSource));
  const refusal = async (request: Parameters<typeof importCases>[0]): Promise<CaseImportException> => {
    try {
      await importCases(request);
    } catch (error) {
      if (error instanceof CaseImportException) return error;
      throw error;
    }
    throw new Error('the import was not refused');
  };

  beforeAll(async () => {
    bed = await NodeTestBed.create('import', COUNTRY);
    templateFile = join(bed.workDir, 'cases.csv');
    await writeFile(templateFile, [header, ...templateRows].join('\n'));
    context = await bed.importContext(bed.config({ url: 'http://127.0.0.1:9' }));
    contextOpen = true;
  });
  afterAll(async () => {
    if (contextOpen) await context?.close();
    await bed?.dispose();
  });

  it('imports the template: accepted rows stored, a bad row reported by row and column, identities sealed', async () => {
    const { report, tally } = await importCases({ source: templateFile });
    expect(report).toMatchObject({ format: 'template', outcome: 'ROWS_REJECTED', rowsRead: 4, accepted: 3, rejected: 1 });
    expect(report.rejections).toEqual([{ row: 4, line: 5, problems: [expect.objectContaining({ column: 'sex', code: 'UNKNOWN_CODE' })] }]);
    expect(report.mappedValues).toContainEqual({ column: 'citizenship', sourceValue: 'GR', mappedTo: 'EL', count: 1 });
    expect(tally).toMatchObject({ personsCreated: 2, personsMatched: 0, registrationsCreated: 3, skippedOtherCountry: 0 });
    expect(await counts()).toMatchObject({ person: 2, person_identity: 2, registration: 3 });
  });

  it('imports the same file again without duplicating anyone', async () => {
    const before = await counts();
    const { tally } = await importCases({ source: templateFile });
    expect(tally).toMatchObject({
      personsCreated: 0,
      personsMatched: 2,
      registrationsCreated: 0,
      registrationsUpdated: 0,
      registrationsUnchanged: 3,
    });
    expect(await counts()).toEqual(before);
  });

  it('updates a registration a corrected file changes', async () => {
    const corrected = join(bed.workDir, 'corrected.csv');
    await writeFile(corrected, [header, templateRows[0]?.replace('SEXUAL,,POLICE', 'SEXUAL;BEGGING,,POLICE')].join('\n'));
    const { tally } = await importCases({ source: corrected });
    expect(tally).toMatchObject({ personsMatched: 1, registrationsUpdated: 1, registrationsCreated: 0 });
  });

  it('in strict mode imports nothing when a row is rejected', async () => {
    const before = await counts();
    const fresh = join(bed.workDir, 'strict.csv');
    await writeFile(fresh, [header, templateRows[0]?.replace('UA-001', 'UA-100'), templateRows[3]].join('\n'));
    const refused = await refusal({ source: fresh, strict: true });
    expect(refused.code).toBe('ROWS_REJECTED');
    expect(refused.report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(await counts()).toEqual(before);
  });

  it('rolls back everything, batches already stored included, when the file turns out to be unreadable', async () => {
    const before = await counts();
    const rows = Array.from(
      { length: 3_000 },
      (_, index) => `UA-B${index},2026-01-15,IDENTIFIED_VICTIM,F,,Y18-24,UA,SEXUAL,,NGO,DOMESTIC,true,true,,,,`,
    );
    const broken = join(bed.workDir, 'broken.csv');
    // Valid rows, then a Latin-1 byte (not UTF-8) near the end of the file.
    await writeFile(
      broken,
      Buffer.concat([
        Buffer.from([header, ...rows].join('\n')),
        Buffer.from('\nUA-X,2026-01-15,IDENTIFIED_VICTIM,F,,UNK,UA,SEXUAL,,NGO,DOMESTIC,true,true,Jos'),
        Buffer.from([0xe9]),
        Buffer.from(',,,\n'),
      ]),
    );
    const refused = await refusal({ source: broken });
    expect(refused.code).toBe('FILE_REJECTED');
    expect(refused.report.fatal?.code).toBe('INVALID_UTF8');
    // Several batches of 500 were stored inside the transaction before the bad byte came.
    expect(refused.report.rowsRead).toBeGreaterThan(1_000);
    expect(await counts()).toEqual(before);

    const semicolons = join(bed.workDir, 'semicolons.csv');
    await writeFile(semicolons, [header.replaceAll(',', ';'), templateRows[0]?.replaceAll(',', ';')].join('\n'));
    const wrongDelimiter = await refusal({ source: semicolons });
    expect(wrongDelimiter.report.fatal?.code).toBe('WRONG_DELIMITER');
    expect(JSON.stringify(wrongDelimiter.report)).not.toContain('Importova');
    expect(await counts()).toEqual(before);
  });

  it("imports real CTDC rows: this country's rows only, counts per year and sex as in the file, idempotent", async () => {
    // All of the file's rows for this country plus the first rows of the others (blank countries included): the real
    // data, in a file small enough to import twice quickly.
    const [columns, ...records]: string[][] = parse(await readFile(ctdcFile), { columns: false });
    const countryColumn = (columns as string[]).indexOf('CountryOfExploitation');
    const ours = records.filter((fields) => fields[countryColumn] === COUNTRY);
    const others = records.filter((fields) => fields[countryColumn] !== COUNTRY).slice(0, 1_000);
    const quoted = (fields: readonly string[]) => fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');
    const subset = join(bed.workDir, 'ctdc-subset.csv');
    await writeFile(subset, [columns as string[], ...others, ...ours].map(quoted).join('\n'));

    const genderColumn = (columns as string[]).indexOf('gender');
    const yearColumn = (columns as string[]).indexOf('yearOfRegistration');
    for (const fields of ours) {
      const sex = ({ Female: 'F', Male: 'M' } as Record<string, string>)[fields[genderColumn] ?? ''] ?? 'UNK';
      const key = `${fields[yearColumn]}/${sex}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }

    const request = { source: subset, format: 'ctdc' as const, ctdcConsent: { statistics: true, international: true } };
    const { report, tally } = await importCases(request);
    expect(report.rowsRead).toBe(ours.length + others.length);
    expect(report.accepted + report.rejected).toBe(report.rowsRead);
    expect(report.problemCounts).toContainEqual(expect.objectContaining({ column: 'CountryOfExploitation', code: 'NO_REPORTING_COUNTRY' }));
    expect(report.acceptedByCountry[COUNTRY]).toBe(ours.length);
    expect(tally).toMatchObject({
      personsCreated: ours.length,
      registrationsCreated: ours.length,
      skippedOtherCountry: report.accepted - ours.length,
    });

    const stored: Array<{ period: string; sex: string; n: number }> = await context.get(DataSource).query(
      `SELECT r.period, r.sex, count(*)::int AS n FROM registration r JOIN person p ON p.id = r.person_id
        WHERE p.external_ref LIKE 'ctdc-row-%' GROUP BY r.period, r.sex`,
    );
    expect(new Map(stored.map((row) => [`${row.period}/${row.sex}`, row.n]))).toEqual(expected);

    const again = await importCases(request);
    expect(again.tally).toMatchObject({ personsCreated: 0, personsMatched: ours.length, registrationsUnchanged: ours.length });
  });

  it('serves imported persons over GraphQL and puts year-only registrations in the return of their year', async () => {
    await context.close();
    contextOpen = false;
    const node = await bed.start(bed.config({ url: 'http://127.0.0.1:9' }));
    try {
      const { persons } = await node.data(bed.tokens.rapporteur, PERSONS, { externalRef: 'UA-001' });
      expect(persons.items[0].registrations.map((registration: { period: string }) => registration.period)).toEqual(['2026-Q1', '2026-Q1']);
      expect(persons.items[0].registrations[0].ageGroup).toBe('Y35-44');
      const { personIdentity } = await node.data(bed.tokens.rapporteur, PERSON_IDENTITY, { personId: persons.items[0].id });
      expect(personIdentity).toMatchObject({ givenNames: 'Olena', familyNames: 'Importova', documentNumbers: ['UA-DOC-001'] });

      const year2015 = [...expected].filter(([key]) => key.startsWith('2015/')).reduce((sum, [, count]) => sum + count, 0);
      expect(year2015).toBeGreaterThan(1_000);
      const { previewReturn } = await node.data(bed.tokens.rapporteur, PREVIEW_RETURN, { period: '2015' });
      const sexAge = previewReturn.datasets.find((dataset: { id: string }) => dataset.id === 'victims_sex_age');
      const total = sexAge.cells.find((cell: { coordinates: string[] }) => cell.coordinates.every((code) => code === 'TOTAL'));
      expect(total).toMatchObject({ count: year2015, value: year2015, flags: '' });
      const { submitReturn } = await node.data(bed.tokens.rapporteur, SUBMIT_RETURN, { period: '2015' });
      expect(submitReturn).toMatchObject({ period: '2015', revision: 1, recordCount: year2015, withheld: { noConsent: 0, invalid: 0 } });
      const { persons: suspects } = await node.data(bed.tokens.rapporteur, PERSONS, { externalRef: 'UA-002' });
      await node.data(bed.tokens.steward, REVOKE_CONSENT, { personId: suspects.items[0].id });
    } finally {
      await node.close();
    }
  });

  it('never brings back a person who revoked consent when their file is imported again', async () => {
    context = await bed.importContext(bed.config({ url: 'http://127.0.0.1:9' }));
    contextOpen = true;
    const before = await counts();
    const { tally } = await importCases({ source: templateFile });
    expect(tally).toMatchObject({ personsCreated: 0, personsMatched: 2, skippedRevoked: 1, registrationsCreated: 0 });
    expect(await counts()).toEqual(before);
    const [identity] = await context
      .get(DataSource)
      .query(`SELECT i.wrapped_key FROM person_identity i JOIN person p ON p.id = i.person_id WHERE p.external_ref = 'UA-002'`);
    expect(identity.wrapped_key).toBeNull();
  });

  it('exits non-zero when no row is accepted, in either mode, and says which mode ran', async () => {
    await context.close();
    contextOpen = false;
    const command = async (...args: string[]): Promise<{ exit: number | null; printed: Record<string, unknown> }> => {
      const child = spawn(process.execPath, [join(repositoryRoot, 'dist', 'scripts', 'node-import.js'), ...args], {
        env: {
          ...process.env,
          DATA_DIR: bed.scratch.dataDir,
          DATABASE_URL: bed.scratch.url ?? '',
          NODE_ID: 'node-at',
          NODE_COUNTRY: COUNTRY,
          KEY_DIR: join(bed.workDir, 'keys'),
          DEV_ISSUER_DIR: join(bed.workDir, 'dev-issuer'),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.resume();
      const [exit] = (await once(child, 'exit')) as [number | null];
      return { exit, printed: JSON.parse(stdout) as Record<string, unknown> };
    };
    const allRejected = join(bed.workDir, 'all-rejected.csv');
    await writeFile(
      allRejected,
      [header, templateRows[3]!.replace(',X,', ',5,'), templateRows[0]!.replace('2026-01-15', '15/01/2026')].join('\n'),
    );
    const oneRejected = join(bed.workDir, 'one-rejected.csv');
    await writeFile(oneRejected, [header, templateRows[0]!, templateRows[3]!.replace(',X,', ',5,')].join('\n'));

    const lenientNothing = await command(allRejected);
    expect(lenientNothing).toMatchObject({ exit: 1, printed: { committed: false, mode: 'lenient', code: 'NOTHING_ACCEPTED' } });
    const strictNothing = await command('--strict', allRejected);
    expect(strictNothing).toMatchObject({ exit: 1, printed: { committed: false, mode: 'strict', code: 'ROWS_REJECTED' } });
    const strictOne = await command('--strict', oneRejected);
    expect(strictOne).toMatchObject({ exit: 1, printed: { committed: false, mode: 'strict', code: 'ROWS_REJECTED' } });
    const lenientOne = await command(oneRejected);
    expect(lenientOne).toMatchObject({ exit: 0, printed: { committed: true, mode: 'lenient', report: { accepted: 1, rejected: 1 } } });
  });
});
