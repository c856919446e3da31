// Imports a CSV file of cases into a national node, all or nothing, and prints the import report as JSON on stdout
// (progress on stderr). Run: npm run node:import -- [options] <file.csv>   (see NODE_IMPORT_USAGE)
// Compiled to dist/scripts/node-import.js and run with plain `node`.
import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { DomainException } from '#app/common';
import { ConfigurationError, JsonLogger } from '#app/platform';
import { NodeConfig } from '../apps/node/src/config/node.config.js';
import { CaseImportException } from '../apps/node/src/imports/case-import.exception.js';
import { CaseImportService } from '../apps/node/src/imports/case-import.service.js';
import { detectCaseFileFormat, ImportUsageError, parseImportArguments } from '../apps/node/src/imports/import-arguments.js';
import { ImportProgress } from '../apps/node/src/imports/import-progress.js';
import { NodeImportModule } from '../apps/node/src/imports/node-import.module.js';

async function main(): Promise<number> {
  const args = parseImportArguments(process.argv.slice(2));
  const config = NodeConfig.fromEnv();
  const size = (await stat(args.file)).size;
  const format = args.format ?? detectCaseFileFormat(await firstLineOf(args.file));
  // Lenient keeps the accepted rows and reports the rejected ones; strict imports nothing if any row is rejected.
  const mode = args.strict ? 'strict' : 'lenient';
  const progress = new ImportProgress(size, (text) => process.stderr.write(text), process.stderr.isTTY === true);
  const logger = new JsonLogger('node-import', 'warn', (line) => process.stderr.write(`${line}\n`));
  const context = await NestFactory.createApplicationContext(NodeImportModule.forRoot(config), { logger, abortOnError: false });
  try {
    const result = await context.get(CaseImportService).importCases({
      source: countingBytes(args.file, (bytes) => progress.bytesRead(bytes)),
      format,
      strict: args.strict,
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
      ctdcConsent: args.ctdcConsent,
      ...(args.ctdcPersonIdPrefix === undefined ? {} : { ctdcPersonIdPrefix: args.ctdcPersonIdPrefix }),
      onProgress: (rows) => progress.rowsRead(rows),
    });
    progress.finish();
    process.stdout.write(
      `${JSON.stringify({ committed: true, mode, file: args.file, format, report: result.report, node: result.tally }, null, 2)}\n`,
    );
    return 0;
  } catch (error) {
    progress.finish();
    if (error instanceof CaseImportException) {
      process.stdout.write(
        `${JSON.stringify({ committed: false, mode, file: args.file, format, code: error.code, report: error.report }, null, 2)}\n`,
      );
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await context.close();
  }
}

/** The file's bytes, counted on their way to the parser (the progress bar's measure). */
async function* countingBytes(path: string, onBytes: (count: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    onBytes((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

/** The header line (at most 64 KiB of it), to tell a CTDC export from the standard's template. */
async function firstLineOf(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof ImportUsageError;
    const fileSystem = error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code);
    const known = usage || fileSystem || error instanceof ConfigurationError || error instanceof DomainException;
    // Only messages of our own and of the file system are printed: they name settings, files and codes, never content.
    process.stderr.write(
      `${known ? (error as Error).message : `The import failed unexpectedly (${error instanceof Error ? error.name : typeof error}).`}\n`,
    );
    process.exitCode = usage ? 2 : 1;
  },
);
