import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, Public, type Principal } from '#app/auth';
import { AccessLogService } from '../access-log/access-log.service.js';
import { writeChunks } from './chunked-response.js';
import { parseExportRequest } from './export-request.js';
import type { RawQuery } from './query-parameters.js';
import { ExportsService } from './exports.service.js';
import { matchesIfNoneMatch } from '#app/platform';
import { CACHE_HEADER } from '../figures-cache/cached-answers.middleware.js';

/**
 * `GET /exports/{dataset}?format=jsonstat|sdmx-csv|csv&release=&measure=&diff=&geo=AT,DE&time=2026-Q1&sex=F...`
 *
 * Public: released figures are public statistics, protected once per release. The guard still checks a bearer token
 * when one is sent (an invalid one is refused) and rate-limits per subject, or per address when anonymous.
 */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Public()
  @Get(':dataset')
  async export(
    @Param('dataset') dataset: string,
    @Query() query: RawQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentPrincipal({ optional: true }) principal: Principal | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const prepared = await this.exports.prepare(dataset, parseExportRequest(query));
    const logged = {
      principal,
      operation: 'export' as const,
      dataset: prepared.dataset,
      release: prepared.release,
      format: prepared.request.format,
    };
    response.setHeader('ETag', prepared.entityTag);
    // Revalidate every time: cheap (two small queries), and a newer release or metadata edit is seen at once.
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (matchesIfNoneMatch(ifNoneMatch, prepared.entityTag)) {
      await this.accessLog.record(logged);
      response.status(304).end();
      return;
    }
    const output = await this.exports.render(prepared);
    await this.accessLog.record(logged);
    response.status(200);
    response.setHeader('Content-Type', output.contentType);
    response.setHeader('Content-Disposition', `inline; filename="${output.fileName}"`);
    response.setHeader(CACHE_HEADER, output.cached ? 'hit' : 'miss');
    await writeChunks(response, output.chunks);
  }
}
