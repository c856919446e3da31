import { csvLine, defuseFormula, UTF8_BYTE_ORDER_MARK } from '#app/formats';
import { html, type Markup } from '#app/platform';
import type { ImportReport } from '#app/standard';
import type { NodeImportTally } from '../imports/import-tally.js';
import { checkboxControl, problemText, selectControl } from './console-form-controls.js';
import { ImportJobState, type ImportJob } from './console-imports.service.js';
import { isMessageKey } from './console-messages.js';
import { formatTime, noticeBlock, renderPage, type Notice, type PageFrame } from './console-pages.js';

/** The upload form, and the imports since the node started. */
export function importsPage(
  frame: PageFrame,
  data: { jobs: readonly ImportJob[]; formToken: string; maxMegabytes: number; notice?: Notice },
): string {
  const { t, language } = frame;
  const recent =
    data.jobs.length === 0
      ? html`<p>${t('imports.none')}</p>`
      : html`<table>
<thead><tr><th scope="col">${t('imports.file')}</th><th scope="col">${t('imports.started')}</th><th scope="col">${t('imports.state')}</th><th scope="col" class="number">${t('imports.rowsRead')}</th></tr></thead>
<tbody>${data.jobs.map(
          (job) =>
            html`<tr><th scope="row"><a href="/console/imports/${job.id}">${job.fileName}</a></th><td>${formatTime(job.startedAt, language)}</td><td>${t(`imports.state.${job.state}`)}</td><td class="number">${job.rowsRead.toLocaleString(language)}</td></tr>`,
        )}</tbody>
</table>`;
  return renderPage(
    frame,
    t('imports.title'),
    html`${noticeBlock(data.notice)}
<p>${t('imports.intro')}</p>
<form method="post" action="/console/imports" enctype="multipart/form-data" class="import-form" data-once>
<input type="hidden" name="csrf" value="${frame.signedIn?.csrfToken ?? ''}"><input type="hidden" name="form" value="${data.formToken}">
${selectControl({
  id: 'import-format',
  name: 'format',
  label: t('imports.format'),
  options: [
    { code: 'template', label: t('imports.format.template') },
    { code: 'ctdc', label: t('imports.format.ctdc') },
  ],
  selected: ['template'],
})}
<div class="field">
<label for="import-file">${t('imports.file')}</label>
<span class="hint" id="import-file-hint">${t('imports.fileHint', { megabytes: data.maxMegabytes })}</span>
<input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint">
</div>
${checkboxControl({ id: 'import-strict', name: 'strict', label: t('imports.strict'), checked: false })}
${checkboxControl({ id: 'import-ctdc-international', name: 'ctdcInternational', label: t('imports.ctdcInternational'), checked: false })}
<p class="hint">${t('imports.ctdcHint')}</p>
<p><button type="submit">${t('imports.start')}</button></p>
</form>
<h2>${t('imports.recent')}</h2>
${recent}`,
  );
}

/** One import's page: its progress while it runs (the script follows it), its report once done. */
export function importJobPage(frame: PageFrame, job: ImportJob): string {
  const { t } = frame;
  return renderPage(
    frame,
    t('imports.jobTitle', { file: job.fileName }),
    html`${importJobFragment(frame, job, new Date())}
<p><a href="/console/imports">${t('imports.another')}</a></p>`,
  );
}

/** The part of the page that changes: progress (followed every second while running), then the report. */
export function importJobFragment(frame: PageFrame, job: ImportJob, now: Date): Markup {
  const running = job.state === ImportJobState.RUNNING;
  return html`<section id="import-job" data-live="${running ? 'true' : 'false'}" data-source="/console/imports/${job.id}/progress" data-interval="1000">
${running ? progressOf(frame, job, now) : outcomeOf(frame, job)}
</section>`;
}

function progressOf(frame: PageFrame, job: ImportJob, now: Date): Markup {
  const { t, language } = frame;
  const seconds = Math.max(0.001, (now.getTime() - job.startedAt.getTime()) / 1000);
  const rate = job.rowsRead / seconds;
  const total = Math.max(job.estimatedRows, job.rowsRead);
  const left = rate > 0 && total > job.rowsRead ? Math.ceil((total - job.rowsRead) / rate) : undefined;
  const figures = [
    t('imports.progress', { rows: job.rowsRead.toLocaleString(language), total: total.toLocaleString(language) }),
    ...(job.rowsRead > 0 ? [t('imports.rate', { rate: Math.round(rate).toLocaleString(language) })] : []),
    ...(left === undefined ? [] : [t('imports.left', { seconds: left.toLocaleString(language) })]),
  ];
  return html`<p><label for="import-progress">${t('imports.progressLabel')}</label></p>
<progress id="import-progress" max="${Math.max(1, total)}" value="${job.rowsRead}">${Math.floor((job.rowsRead / Math.max(1, total)) * 100)}%</progress>
<p class="progress-figures">${figures.join(' · ')}</p>`;
}

function outcomeOf(frame: PageFrame, job: ImportJob): Markup {
  const { t, language } = frame;
  const number = (value: number) => value.toLocaleString(language);
  let notice: Notice;
  if (job.state === ImportJobState.COMMITTED) notice = { kind: 'status', text: t('imports.committed') };
  else if (job.state === ImportJobState.FAILED) notice = { kind: 'alert', text: t('imports.failed', { requestId: job.requestId ?? '' }) };
  else {
    const reason = job.errorCode === undefined ? '' : problemText(frame, job.errorCode, '');
    notice = { kind: 'alert', text: `${t('imports.rolledBack')}${reason === '' ? '' : ` ${reason}`}` };
  }
  const report = job.report;
  if (report === undefined) return noticeBlock(notice);
  const duration = job.finishedAt === undefined ? 0 : (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000;
  const fatal =
    report.fatal === undefined
      ? html``
      : html`<p class="error">${t('imports.fatal', { reason: `${report.fatal.message}${report.fatal.line === undefined ? '' : ` (${t('imports.line')} ${report.fatal.line})`}` })}</p>`;
  return html`${noticeBlock(notice)}${fatal}
<dl class="facts">
<dt>${t('imports.rowsRead')}</dt><dd>${number(report.rowsRead)}</dd>
<dt>${t('imports.accepted')}</dt><dd>${number(report.accepted)}</dd>
<dt>${t('imports.rejected')}</dt><dd>${number(report.rejected)}</dd>
<dt>${t('imports.duration')}</dt><dd>${t('imports.seconds', { seconds: duration.toLocaleString(language, { maximumFractionDigits: 1 }) })}</dd>
</dl>
${job.tally === undefined ? html`` : tallyOf(frame, job.tally)}
${rejectionsOf(frame, report)}
${mappedOf(frame, report)}
<p><a href="/console/imports/${job.id}/report.csv" download>${t('imports.download')}</a></p>`;
}

const TALLY_KEYS = [
  'personsCreated',
  'personsMatched',
  'registrationsCreated',
  'registrationsUpdated',
  'registrationsUnchanged',
  'skippedOtherCountry',
  'skippedRevoked',
  'repeatedInFile',
] as const satisfies ReadonlyArray<keyof NodeImportTally>;

function tallyOf(frame: PageFrame, tally: NodeImportTally): Markup {
  const { t, language } = frame;
  return html`<h2>${t('imports.atNode')}</h2>
<dl class="facts">${TALLY_KEYS.map((key) => html`<dt>${t(`imports.tally.${key}`)}</dt><dd>${tally[key].toLocaleString(language)}</dd>`)}</dl>`;
}

function rejectionsOf(frame: PageFrame, report: ImportReport): Markup {
  const { t, language } = frame;
  if (report.rejections.length === 0) return html``;
  return html`<h2>${t('imports.rejections')}</h2>
<div class="scroll"><table class="rejections">
<thead><tr><th scope="col" class="number">${t('imports.row')}</th><th scope="col" class="number">${t('imports.line')}</th><th scope="col">${t('imports.column')}</th><th scope="col">${t('imports.reason')}</th></tr></thead>
<tbody>${report.rejections.flatMap((rejection) =>
    rejection.problems.map(
      (problem) =>
        html`<tr><td class="number">${rejection.row.toLocaleString(language)}</td><td class="number">${rejection.line.toLocaleString(language)}</td><td><code>${problem.column}</code></td><td>${rowProblemText(frame, problem.code, problem.message)}</td></tr>`,
    ),
  )}</tbody>
</table></div>
${report.rejectionsNotListed > 0 ? html`<p class="hint">${t('imports.notListed', { count: report.rejectionsNotListed.toLocaleString(language) })}</p>` : html``}`;
}

/** A row problem in the reader's language, by its code; the standard's own (English) message for a code without one. */
function rowProblemText(frame: PageFrame, code: string, message: string): string {
  const key = `imports.problem.${code}`;
  return isMessageKey(key) ? frame.t(key) : message;
}

function mappedOf(frame: PageFrame, report: ImportReport): Markup {
  const { t, language } = frame;
  if (report.mappedValues.length === 0) return html``;
  return html`<h2>${t('imports.mapped')}</h2>
<table>
<thead><tr><th scope="col">${t('imports.column')}</th><th scope="col">${t('imports.sourceValue')}</th><th scope="col">${t('imports.mappedTo')}</th><th scope="col" class="number">${t('imports.count')}</th></tr></thead>
<tbody>${report.mappedValues.map(
    (mapped) =>
      html`<tr><td><code>${mapped.column}</code></td><td>${mapped.sourceValue}</td><td><code>${mapped.mappedTo}</code></td><td class="number">${mapped.count.toLocaleString(language)}</td></tr>`,
  )}</tbody>
</table>`;
}

/** The report as CSV (RFC 4180, UTF-8 with a byte order mark for spreadsheets): one line per problem, value, count. */
export function importReportCsv(job: ImportJob): string {
  const lines: string[][] = [['kind', 'row', 'line', 'column', 'code', 'message', 'source_value', 'mapped_to', 'count']];
  const report = job.report;
  if (report !== undefined) {
    lines.push(['rows_read', '', '', '', job.state, '', '', '', String(report.rowsRead)]);
    lines.push(['accepted', '', '', '', '', '', '', '', String(report.accepted)]);
    lines.push(['rejected', '', '', '', '', '', '', '', String(report.rejected)]);
    if (report.fatal !== undefined) {
      lines.push([
        'fatal',
        '',
        String(report.fatal.line ?? ''),
        report.fatal.column ?? '',
        report.fatal.code,
        report.fatal.message,
        '',
        '',
        '',
      ]);
    }
    for (const rejection of report.rejections) {
      for (const problem of rejection.problems) {
        lines.push(['rejection', String(rejection.row), String(rejection.line), problem.column, problem.code, problem.message, '', '', '']);
      }
    }
    for (const mapped of report.mappedValues) {
      lines.push(['mapped', '', '', mapped.column, '', '', mapped.sourceValue, mapped.mappedTo, String(mapped.count)]);
    }
  }
  // Text from the file (a column name, a source value) could start a spreadsheet formula: defused.
  return UTF8_BYTE_ORDER_MARK + lines.map((line) => csvLine(line.map(defuseFormula))).join('');
}
