import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, Public, type Principal } from '#app/auth';
import { entityTagOf, matchesIfNoneMatch } from '#app/platform';
import { AccessLogService } from '../access-log/access-log.service.js';
import {
  listParameter,
  singleParameter,
  measureParameter,
  positiveIntegerParameter,
  refuseUnknownParameters,
  type RawQuery,
} from '../exports/query-parameters.js';
import { FiguresService } from '../figures/figures.service.js';
import { ReportPdfRenderer } from './report-pdf.renderer.js';
import { renderReportPage } from './report-page.js';
import { ReportsErrorCode, ReportsException } from './reports.exception.js';

const KNOWN_PARAMETERS: ReadonlySet<string> = new Set(['release', 'countries', 'periods', 'measure', 'format']);
const REPORT_FORMATS = ['html', 'pdf'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Page security: no script at all, styles only inline, nothing loaded from elsewhere, not framable, and no referrer
 * sent when a reader follows an export link.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * `GET /reports/{dataset}?release=&countries=AT,DE&periods=2025,2026&measure=RATE_PER_100K&format=html|pdf`: the
 * comparative report as a server-rendered page, or that page printed to an A4 PDF.
 *
 * Public, like the exports it links to: released figures are public statistics. A bearer token, when a client sends
 * one, is verified and logged; a token in the URL (`?token=`) is deliberately not accepted, since URLs end up in
 * browser history, proxy and server logs and Referer headers.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly figures: FiguresService,
    private readonly accessLog: AccessLogService,
    private readonly pdfRenderer: ReportPdfRenderer,
  ) {}

  @Public()
  @Get(':dataset')
  async report(
    @Param('dataset') dataset: string,
    @Query() query: RawQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentPrincipal({ optional: true }) principal: Principal | undefined,
    @Res() response: Response,
  ): Promise<void> {
    refuseUnknownParameters(query, KNOWN_PARAMETERS);
    const format = reportFormat(query);
    const countries = listParameter(query, 'countries');
    const periods = listParameter(query, 'periods');
    const report = await this.figures.comparative({
      dataset,
      release: positiveIntegerParameter(query, 'release'),
      countries,
      periods,
      measure: measureParameter(query),
    });
    const definitions = await this.figures.definitions(
      report.rows.map((row) => row.geo),
      report.periods,
    );
    const page = renderReportPage({ report, definitions, query: { countries, periods } });
    const source = report.table.source;
    const logged = {
      principal,
      operation: 'reportPage' as const,
      dataset: report.table.dataset,
      release: source.kind === 'RELEASE' ? source.release : null,
      format,
    };
    // The PDF is printed from the page, so the page's bytes tag it too: an unchanged report is not printed again.
    const entityTag = entityTagOf(`${format}\n${page}`);
    response.setHeader('ETag', entityTag);
    response.setHeader('Cache-Control', 'no-cache');
    if (matchesIfNoneMatch(ifNoneMatch, entityTag)) {
      await this.accessLog.record(logged);
      response.status(304).end();
      return;
    }
    const pdf = format === 'pdf' ? await this.pdfRenderer.pdf(page) : undefined;
    await this.accessLog.record(logged);
    if (pdf) {
      const release = source.kind === 'RELEASE' ? `-release-${source.release}` : '';
      response.status(200);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `inline; filename="${report.table.dataset}${release}.pdf"`);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.end(pdf);
      return;
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.end(page);
  }
}

function reportFormat(query: RawQuery): ReportFormat {
  const raw = singleParameter(query, 'format') ?? 'html';
  const format = REPORT_FORMATS.find((candidate) => candidate === raw);
  if (format === undefined) throw new ReportsException(ReportsErrorCode.UNKNOWN_FORMAT, 'format must be html or pdf.', ['format']);
  return format;
}
