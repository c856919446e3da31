import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseImportException } from '../../apps/node/src/imports/case-import.exception.js';
import { CaseImportService } from '../../apps/node/src/imports/case-import.service.js';
import { NodeTestBed } from '../support/node-test-app.js';
import type { CsvCase } from './corpus/corpus-case.js';
import { NODE_IMPORT_CASES, TEMPLATE_HEADER, templateRow } from './corpus/node-import.corpus.js';
import { changedTables, fingerprintDatabase, type DatabaseFingerprint } from './support/database-fingerprint.js';
import { REPOSITORY_ROOT, ReliabilityRecorder } from './support/reliability-summary.js';
import { reliabilitySettings } from './support/reliability-settings.js';

const importScript = join(REPOSITORY_ROOT, 'dist', 'scripts', 'node-import.js');
const leaks = /\n\s+at |\.(ts|js):\d+|node_modules|\/(work|home|tmp)\/\S*\.(ts|js)\b|QueryFailedError|violates [\w ]*constraint/;

describe('reliability: bad input to the node (CSV import)', () => {
  const recorder = new ReliabilityRecorder('node-import-bad-input');
  let bed: NodeTestBed;
  let context: INestApplicationContext | undefined;

  const fingerprint = (): Promise<DatabaseFingerprint> =>
    fingerprintDatabase((sql, parameters) => (context as INestApplicationContext).get(DataSource).query(sql, parameters));
  const fileOf = async (testCase: CsvCase): Promise<string> => {
    const path = join(bed.workDir, `${testCase.name.replace(/[^a-z0-9]+/gi, '-')}.csv`);
    await writeFile(path, testCase.file);
    return path;
  };
  const problemsOfReport = (text: string, testCase: CsvCase): string[] => [
    ...(leaks.test(text) ? [`the report leaks internals: ${JSON.stringify(leaks.exec(text)?.[0])}`] : []),
    ...(testCase.mustNotEcho ?? [])
      .filter((value) => text.includes(value))
      .map((value) => `the report echoes ${JSON.stringify(value.slice(0, 30))}`),
  ];

  beforeAll(async () => {
    bed = await NodeTestBed.create('reliability-import', 'AT');
    context = await bed.importContext(bed.config({ url: 'http://127.0.0.1:9' }));
    // Some cases already on file, so that "unchanged" is about real rows.
    const seed = join(bed.workDir, 'seed.csv');
    await writeFile(seed, [TEMPLATE_HEADER, ...Array.from({ length: 25 }, (_, index) => templateRow(`REL-SEED-${index}`))].join('\n'));
    const seeded = await context.get(CaseImportService).importCases({ source: seed, format: 'template', strict: true });
    if (seeded.report.accepted !== 25) throw new Error('the node could not be seeded');
  });

  afterAll(async () => {
    await recorder.write();
    await context?.close();
    await bed?.dispose();
  });

  it.each(NODE_IMPORT_CASES.map((testCase) => [`${testCase.name} -> ${testCase.expect}`, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const before = await fingerprint();
      const problems: string[] = [];
      let outcome = 'IMPORTED';
      try {
        await (context as INestApplicationContext).get(CaseImportService).importCases({
          source: await fileOf(testCase),
          format: testCase.format ?? 'template',
          strict: true,
          ...(testCase.delimiter === undefined ? {} : { delimiter: testCase.delimiter }),
        });
      } catch (error) {
        if (!(error instanceof CaseImportException)) {
          outcome = `UNEXPECTED ${error instanceof Error ? error.name : typeof error}`;
        } else {
          const report = error.report;
          const detail = report.fatal?.code ?? report.rejections[0]?.problems[0]?.code ?? 'NONE';
          outcome = `${error.code}/${detail}`;
          problems.push(...problemsOfReport(JSON.stringify({ message: error.message, report }), testCase));
        }
      }
      if (outcome !== testCase.expect) problems.unshift(`expected ${testCase.expect}, got ${outcome}`);
      problems.push(...changedTables(before, await fingerprint()).map((table) => `table ${table} changed`));
      problems.push(...problemsOfReport(bed.logLines.join('\n'), testCase).map((problem) => `log: ${problem}`));
      recorder.record('node-csv', testCase.name, problems);
      expect(problems).toEqual([]);
    },
  );

  describe('through the real node-import command', () => {
    // A process per case is slow: the short run takes a refused file and the last refused row, the long run all.
    const flagged = NODE_IMPORT_CASES.filter((testCase) => testCase.viaCommand === true);
    const viaCommand = reliabilitySettings().long
      ? flagged
      : [
          flagged.find((testCase) => testCase.expect.startsWith('FILE_')),
          flagged.findLast((testCase) => testCase.expect.startsWith('ROWS_')),
        ].filter((testCase): testCase is CsvCase => testCase !== undefined);
    /** The database as the previous case left it (nothing may change in between). */
    let lastSeen: DatabaseFingerprint | undefined;
    const databaseFingerprint = () =>
      bed.withDatabase((dataSource) => fingerprintDatabase((sql, parameters) => dataSource.query(sql, parameters)));

    beforeAll(async () => {
      await access(importScript).catch(() => {
        throw new Error(`${importScript} is missing: run \`npm run build\` before the reliability tests`);
      });
      await context?.close();
      context = undefined;
    });

    it.each(viaCommand.map((testCase) => [`${testCase.name} -> ${testCase.expect}`, testCase] as const))('%s', async (_name, testCase) => {
      const path = await fileOf(testCase);
      const before = lastSeen ?? (await databaseFingerprint());
      const child = spawn(process.execPath, [importScript, '--strict', path], {
        env: {
          ...process.env,
          DATA_DIR: bed.scratch.dataDir,
          DATABASE_URL: bed.scratch.url ?? '',
          NODE_ID: 'node-at',
          NODE_COUNTRY: 'AT',
          KEY_DIR: join(bed.workDir, 'keys'),
          DEV_ISSUER_DIR: join(bed.workDir, 'dev-issuer'),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const [exitCode] = (await once(child, 'exit')) as [number | null];
      const problems: string[] = [];
      let outcome = `EXIT ${exitCode}`;
      try {
        const printed = JSON.parse(stdout) as {
          committed: boolean;
          code?: string;
          report?: { fatal?: { code: string }; rejections?: Array<{ problems: Array<{ code: string }> }> };
        };
        outcome = `${printed.code}/${printed.report?.fatal?.code ?? printed.report?.rejections?.[0]?.problems[0]?.code ?? 'NONE'}`;
        if (printed.committed) problems.push('the command says it committed');
      } catch {
        problems.push(`stdout is not the JSON report: ${stdout.slice(0, 200)}`);
      }
      if (exitCode !== 1) problems.push(`exit code ${exitCode}, expected 1`);
      if (outcome !== testCase.expect) problems.push(`expected ${testCase.expect}, got ${outcome}`);
      problems.push(...problemsOfReport(stdout + stderr, testCase));
      const after = await databaseFingerprint();
      lastSeen = after;
      problems.push(...changedTables(before, after).map((table) => `table ${table} changed`));
      recorder.record('node-csv-command', testCase.name, problems);
      expect(problems).toEqual([]);
    });
  });
});
