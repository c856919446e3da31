import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { currentRequestId } from '#app/platform';
import type { ImportReport, RecordConsent } from '#app/standard';
import { CaseImportException } from '../imports/case-import.exception.js';
import { CaseImportService, type CaseFileFormat } from '../imports/case-import.service.js';
import type { NodeImportTally } from '../imports/import-tally.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

export enum ImportJobState {
  RUNNING = 'RUNNING',
  /** Every accepted row is stored. */
  COMMITTED = 'COMMITTED',
  /** The import refused the file (unreadable, strict with a rejected row, nothing accepted): nothing is stored. */
  ROLLED_BACK = 'ROLLED_BACK',
  /** An unexpected error: nothing is stored; the log has the request id. */
  FAILED = 'FAILED',
}

/** An uploaded file as the upload parser leaves it: on disk in the node's data folder, until the import is done. */
export interface UploadedCsv {
  readonly path: string;
  readonly originalname: string;
  readonly size: number;
}

export interface ImportJobOptions {
  readonly format: CaseFileFormat;
  readonly strict: boolean;
  readonly ctdcConsent: RecordConsent;
}

/** One import: what it read so far, and its outcome once done (the standard's report, the node's tally). */
export interface ImportJob {
  readonly id: string;
  readonly fileName: string;
  readonly fileBytes: number;
  readonly subject: string;
  readonly format: CaseFileFormat;
  readonly startedAt: Date;
  /** Data rows the file has, counted by its line breaks before the import starts (quoted line breaks make it an estimate). */
  readonly estimatedRows: number;
  rowsRead: number;
  state: ImportJobState;
  finishedAt?: Date;
  report?: ImportReport;
  tally?: NodeImportTally;
  errorCode?: string;
  requestId?: string;
}

/** Imports kept for their pages after they finish: the last ones since the node started. */
const KEPT_JOBS = 20;

/**
 * The console's imports, run in the background while the node serves pages: one at a time (an import is one
 * transaction; a second would wait on the first's locks), its progress in memory for the page to poll, the uploaded
 * file deleted when the import is done. Jobs live as long as the node process; the data they stored does not depend
 * on them.
 */
@Injectable()
export class ConsoleImports implements OnApplicationShutdown {
  private readonly logger = new Logger('ConsoleImport');
  private readonly jobs = new Map<string, ImportJob>();
  private running: Promise<void> | undefined;
  private busy = false;

  constructor(private readonly imports: CaseImportService) {}

  /** Starts importing an uploaded file; refused while another import runs (the file is then deleted). */
  async start(subject: string, upload: UploadedCsv, options: ImportJobOptions): Promise<ImportJob> {
    if (this.busy) {
      await rm(upload.path, { force: true });
      throw new ConsoleException(ConsoleErrorCode.IMPORT_RUNNING, 'Another import is running at this node.', ['file']);
    }
    // Taken before the first await, so two uploads arriving together cannot both start.
    this.busy = true;
    let estimatedRows: number;
    try {
      estimatedRows = Math.max(0, (await lineBreaksOf(upload.path)) - 1);
    } catch (error) {
      this.busy = false;
      await rm(upload.path, { force: true });
      throw error;
    }
    const job: ImportJob = {
      id: randomUUID(),
      fileName: upload.originalname,
      fileBytes: upload.size,
      subject,
      format: options.format,
      startedAt: new Date(),
      estimatedRows,
      rowsRead: 0,
      state: ImportJobState.RUNNING,
    };
    this.keep(job);
    const requestId = currentRequestId();
    this.running = this.run(job, upload.path, options, requestId).finally(() => {
      this.running = undefined;
      this.busy = false;
    });
    return job;
  }

  isRunning(): boolean {
    return this.busy;
  }

  job(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** The kept imports, newest first. */
  recent(): ImportJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Lets a running import finish (or fail) before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  private async run(job: ImportJob, path: string, options: ImportJobOptions, requestId: string | undefined): Promise<void> {
    try {
      const result = await this.imports.importCases({
        source: path,
        format: options.format,
        strict: options.strict,
        ctdcConsent: options.ctdcConsent,
        // Each file's CTDC rows get references of their own: the job id is unique to this upload.
        ctdcPersonIdPrefix: `ctdc-${job.id.slice(0, 8)}-`,
        onProgress: (rowsRead) => {
          job.rowsRead = rowsRead;
        },
      });
      job.report = result.report;
      job.tally = result.tally;
      job.rowsRead = result.report.rowsRead;
      job.state = ImportJobState.COMMITTED;
    } catch (error) {
      if (error instanceof CaseImportException) {
        job.report = error.report;
        job.errorCode = error.code;
        job.state = ImportJobState.ROLLED_BACK;
      } else {
        job.state = ImportJobState.FAILED;
        job.requestId = requestId ?? job.id;
        this.logger.error({ msg: 'console import failed', jobId: job.id, error: error instanceof Error ? error.name : typeof error });
      }
    } finally {
      job.finishedAt = new Date();
      await rm(path, { force: true });
    }
    this.logger.log({ msg: 'console import done', jobId: job.id, state: job.state, rowsRead: job.rowsRead, by: job.subject });
  }

  private keep(job: ImportJob): void {
    this.jobs.set(job.id, job);
    for (const [id, kept] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (kept.state !== ImportJobState.RUNNING) this.jobs.delete(id);
    }
  }
}

/** Line breaks of a file, read as a stream (a 100 MB file in a fraction of a second). */
async function lineBreaksOf(path: string): Promise<number> {
  let count = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, index + 1)) count += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
  }
  // A last line without a line break is a line too.
  return last === 0x0a ? count : count + 1;
}
