import { rm } from 'node:fs/promises';
import { Body, Controller, Get, Param, Post, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { isUuid } from '#app/common';
import { NodeConfig } from '../config/node.config.js';
import { ConsoleExceptionFilter } from './console-exception.filter.js';
import { seeOther, sendHtml } from './console-http.js';
import { importJobFragment, importJobPage, importReportCsv, importsPage } from './console-import-pages.js';
import { ConsoleImports, type UploadedCsv } from './console-imports.service.js';
import { ConsoleRequests, type ConsoleForm } from './console-requests.service.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

interface ImportForm extends ConsoleForm {
  readonly format?: string;
  readonly strict?: string;
  readonly ctdcInternational?: string;
}

/**
 * The rapporteur's file import while the node runs: the upload (streamed to the node's data folder, bounded in
 * size), then a page that follows the import's progress (rows read, rows per second, time left) and shows the
 * standard's report when it is done, also as CSV. The import itself is the CLI's: one transaction, all or nothing.
 */
@Controller('console/imports')
@UseFilters(ConsoleExceptionFilter)
export class ConsoleImportsController {
  constructor(
    private readonly requests: ConsoleRequests,
    private readonly imports: ConsoleImports,
    private readonly config: NodeConfig,
  ) {}

  @Roles(Role.RAPPORTEUR)
  @Get()
  page(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): void {
    const frame = this.requests.frame(request, principal);
    sendHtml(
      response,
      200,
      importsPage(frame, {
        jobs: this.imports.recent(),
        formToken: this.requests.openForm(this.requests.sessionOf(request)),
        maxMegabytes: this.config.consoleImportMaxMegabytes,
      }),
    );
  }

  @Roles(Role.RAPPORTEUR)
  @Post()
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() form: ImportForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    try {
      const session = this.requests.checkedSession(request, form);
      this.requests.consumeForm(session, form);
      if (file === undefined || file.size === 0) {
        throw new ConsoleException(ConsoleErrorCode.NO_FILE, 'Choose a CSV file to import.', ['file']);
      }
    } catch (error) {
      // Nothing uploaded stays on disk when the form is refused.
      if (file !== undefined) await rm(file.path, { force: true });
      throw error;
    }
    const job = await this.imports.start(principal.subject, file, {
      format: form.format === 'ctdc' ? 'ctdc' : 'template',
      strict: form.strict === 'true',
      ctdcConsent: { statistics: true, international: form.ctdcInternational === 'true' },
    });
    seeOther(response, `/console/imports/${job.id}`);
  }

  @Roles(Role.RAPPORTEUR)
  @Get(':jobId')
  job(@Param('jobId') jobId: string, @CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): void {
    sendHtml(response, 200, importJobPage(this.requests.frame(request, principal), this.jobOf(jobId)));
  }

  /** The changing part of the job's page alone, which the page's script swaps in every second while it runs. */
  @Roles(Role.RAPPORTEUR)
  @Get(':jobId/progress')
  progress(
    @Param('jobId') jobId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): void {
    sendHtml(response, 200, importJobFragment(this.requests.frame(request, principal), this.jobOf(jobId), new Date()).text);
  }

  @Roles(Role.RAPPORTEUR)
  @Get(':jobId/report.csv')
  report(@Param('jobId') jobId: string, @Res() response: Response): void {
    const job = this.jobOf(jobId);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Disposition', `attachment; filename="import-report-${job.id}.csv"`);
    response.type('text/csv; charset=utf-8').send(importReportCsv(job));
  }

  private jobOf(jobId: string) {
    const job = isUuid(jobId) ? this.imports.job(jobId.toLowerCase()) : undefined;
    if (job === undefined) throw new ConsoleException(ConsoleErrorCode.NOT_FOUND, 'No such import.', ['jobId']);
    return job;
  }
}
