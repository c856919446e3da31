import { html, type Markup } from '#app/platform';
import { DIMENSION_LABELS, FIGURE_CATALOGUE, TOTAL, type DatasetDefinition, type DatasetId } from '#app/standard';
import { RevocationState } from '../consent/revocation.model.js';
import { OutboxState } from '../outbox/outbox-state.js';
import type { FigureChange } from '../returns/return-preview.js';
import type { PreviewDatasetModel } from '../returns/quarterly-return.model.js';
import { CONSOLE_LANGUAGES, LANGUAGE_NAMES, type ConsoleLanguage, type Translate } from './console-messages.js';

/** What every page shows around its content: language, who is signed in, the node. */
export interface PageFrame {
  readonly t: Translate;
  readonly language: ConsoleLanguage;
  /** The page's own path, for the language switcher to come back to. */
  readonly path: string;
  readonly node: { readonly nodeId: string; readonly country: string };
  readonly signedIn?: { readonly subject: string; readonly roles: readonly string[]; readonly csrfToken: string };
}

/** A whole page: the frame, a heading, the content; styles and script are files of the console (no inline code). */
export function renderPage(frame: PageFrame, title: string, content: Markup): string {
  const { t } = frame;
  const languages = CONSOLE_LANGUAGES.map((language) =>
    language === frame.language
      ? html`<li><span aria-current="true" lang="${language}">${LANGUAGE_NAMES[language]}</span></li>`
      : html`<li><a href="/console/language?to=${language}&amp;back=${encodeURIComponent(frame.path)}" lang="${language}" hreflang="${language}">${LANGUAGE_NAMES[language]}</a></li>`,
  );
  const account =
    frame.signedIn === undefined
      ? html``
      : html`<p class="account">${t('app.signedInAs', { subject: frame.signedIn.subject, roles: frame.signedIn.roles.join(', '), country: frame.node.country })}</p>
<form method="post" action="/console/sign-out" class="sign-out"><input type="hidden" name="csrf" value="${frame.signedIn.csrfToken}"><button type="submit">${t('app.signOut')}</button></form>`;
  return `<!doctype html>
${html`<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('app.title')}</title>
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#content">${t('app.skip')}</a>
<header>
<p class="brand"><a href="/console">${t('app.title')}</a></p>
<p class="node">${t('app.node', { nodeId: frame.node.nodeId, country: frame.node.country })}</p>
<nav aria-label="${t('app.language')}"><ul class="languages">${languages}</ul></nav>
${account}
</header>
<main id="content" tabindex="-1">
<h1>${title}</h1>
${content}
</main>
</body>
</html>`}
`;
}

export function signInPage(frame: PageFrame, notice: string | undefined, provider: boolean): string {
  const { t } = frame;
  const atProvider = provider
    ? html`<p><a class="button" href="/console/sign-in/provider">${t('signIn.provider')}</a></p>
<p class="hint">${t('signIn.providerHint')}</p>`
    : html``;
  return renderPage(
    frame,
    t('signIn.title'),
    html`${noticeBlock(notice === undefined ? undefined : { kind: 'status', text: notice })}
${atProvider}
<p>${t('signIn.intro')}</p>
${provider ? html`` : html`<p>${codeSpans(t('signIn.development'))}</p>`}`,
  );
}

export function errorPage(frame: PageFrame, message: string): string {
  const { t } = frame;
  return renderPage(
    frame,
    t('error.title'),
    html`<p class="error" role="alert">${message}</p>
<p><a href="${frame.signedIn === undefined ? '/console/sign-in' : '/console'}">${t('error.back')}</a></p>`,
  );
}

/** One quarter of the home page: its last submitted revision and how its delivery stands. */
export interface QuarterSummary {
  readonly period: string;
  readonly lastRevision: number | undefined;
  readonly state: OutboxState | undefined;
}

export function homePage(frame: PageFrame, quarters: readonly QuarterSummary[] | undefined, steward: boolean): string {
  const { t } = frame;
  const returns =
    quarters === undefined
      ? html``
      : html`<h2>${t('home.title')}</h2>
<p>${t('home.intro')}</p>
<table>
<thead><tr><th scope="col">${t('home.quarter')}</th><th scope="col">${t('home.lastRevision')}</th><th scope="col">${t('home.delivery')}</th></tr></thead>
<tbody>${quarters.map(
          (quarter) => html`<tr>
<th scope="row"><a href="/console/returns/${quarter.period}" aria-label="${t('home.open', { period: quarter.period })}">${quarter.period}</a></th>
<td>${quarter.lastRevision === undefined ? t('home.notSubmitted') : String(quarter.lastRevision)}</td>
<td>${quarter.state === undefined ? '' : t(`state.${quarter.state}`)}</td>
</tr>`,
        )}</tbody>
</table>`;
  const consent = steward
    ? html`<h2>${t('home.consentTitle')}</h2>
<p>${t('home.consentIntro')} <a href="/console/consent">${t('home.consentLink')}</a></p>`
    : html``;
  const persons = html`<h2>${t('home.personsTitle')}</h2>
<p>${t('home.personsIntro')} <a href="/console/persons">${t('home.personsLink')}</a></p>
${quarters === undefined ? html`` : html`<p><a href="/console/imports">${t('home.importLink')}</a></p>`}`;
  return renderPage(frame, t('app.title'), html`${returns}${persons}${consent}`);
}

/** A submitted revision's delivery, as the delivery table shows it. */
export interface DeliveryRow {
  readonly revision: number;
  readonly generatedAt: Date;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastErrorCode: string | null;
  readonly hubStatus: string | null;
}

/** Delivery states after which nothing changes by itself: the page stops following. */
const FINAL_STATES: ReadonlySet<OutboxState> = new Set([OutboxState.DELIVERED, OutboxState.RECEIPTED, OutboxState.REJECTED]);

export interface ReturnPageData {
  readonly period: string;
  readonly nextRevision: number;
  readonly recordCount: number;
  readonly withheld: { readonly noConsent: number; readonly invalid: number };
  readonly needsZeroConfirmation: boolean;
  readonly threshold: number;
  readonly datasets: readonly PreviewDatasetModel[];
  /** The latest submitted revision and what differs from it now; undefined before the first submission. */
  readonly comparison: { readonly revision: number; readonly changes: readonly FigureChange[] } | undefined;
  readonly deliveries: readonly DeliveryRow[];
  /** One-time token of the submit form. */
  readonly formToken: string;
  /** Shown at the top: what the last action did, or why it was refused. */
  readonly notice?: Notice;
}

/** Changes listed at most; the rest are counted (a revision of many records can move hundreds of cells). */
const MAX_LISTED_CHANGES = 200;

export function returnPage(frame: PageFrame, data: ReturnPageData): string {
  const { t } = frame;
  const signedIn = frame.signedIn;
  const notice = noticeBlock(data.notice);
  const submitForm =
    signedIn === undefined
      ? html``
      : html`<form method="post" action="/console/returns/${data.period}" class="submit" data-once>
<input type="hidden" name="csrf" value="${signedIn.csrfToken}">
<input type="hidden" name="form" value="${data.formToken}">
${
  data.needsZeroConfirmation
    ? html`<p><input type="checkbox" id="confirm-zero" name="confirmZero" value="true"> <label for="confirm-zero">${t('return.confirmZero', { period: data.period })}</label></p>`
    : html``
}
<button type="submit">${t('return.submit', { revision: data.nextRevision })}</button>
</form>`;
  return renderPage(
    frame,
    t('return.title', { period: data.period }),
    html`${notice}
<p>${t('return.summary', { records: data.recordCount, noConsent: data.withheld.noConsent, invalid: data.withheld.invalid })}</p>
<p>${t('return.nextRevision', { revision: data.nextRevision })}</p>
${submitForm}
<section aria-labelledby="delivery-title">
<h2 id="delivery-title">${t('return.deliveryTitle')}</h2>
${deliveryFragment(frame, data.period, data.deliveries)}
</section>
<section aria-labelledby="changes-title">
${changesSection(frame, data.comparison)}
</section>
<section aria-labelledby="chart-title">
${sexChart(frame, data.period, data.datasets)}
</section>
<section aria-labelledby="figures-title">
<h2 id="figures-title">${t('return.datasets')}</h2>
<p>${t('return.threshold', { threshold: data.threshold })}</p>
${flagLegend(t)}
${data.datasets.map((dataset) => datasetTable(frame, dataset))}
</section>`,
  );
}

/**
 * The delivery table alone: the page embeds it, and the page's script fetches it again every few seconds until every
 * revision has reached a final state, so the browser only swaps markup the server rendered (no logic of its own).
 */
export function deliveryFragment(frame: PageFrame, period: string, deliveries: readonly DeliveryRow[]): Markup {
  const { t } = frame;
  const live = deliveries.some((delivery) => !FINAL_STATES.has(delivery.state));
  const time = (date: Date | null) =>
    date === null ? '' : html`<time datetime="${date.toISOString()}">${formatTime(date, frame.language)}</time>`;
  const rows = deliveries.map((delivery) => {
    const retrying = delivery.state === OutboxState.PENDING && delivery.attempts > 0;
    return html`<tr data-state="${delivery.state}">
<th scope="row">${String(delivery.revision)}</th>
<td>${time(delivery.generatedAt)}</td>
<td><span class="state state-${delivery.state.toLowerCase()}">${retrying ? t('state.RETRYING') : t(`state.${delivery.state}`)}</span></td>
<td>${String(delivery.attempts)}</td>
<td>${FINAL_STATES.has(delivery.state) ? '' : time(delivery.nextAttemptAt)}</td>
<td>${delivery.lastErrorCode ?? ''}</td>
<td>${delivery.hubStatus ?? ''}</td>
</tr>`;
  });
  if (deliveries.length === 0) {
    return html`<div id="delivery" data-live="false"><p>${t('return.firstSubmission')}</p></div>`;
  }
  return html`<div id="delivery" data-live="${live ? 'true' : 'false'}" data-source="/console/returns/${period}/delivery" aria-live="polite">
${live ? html`<p class="hint">${t('return.live')}</p>` : html``}
<table>
<thead><tr><th scope="col">${t('return.revision')}</th><th scope="col">${t('return.generatedAt')}</th><th scope="col">${t('return.state')}</th><th scope="col">${t('return.attempts')}</th><th scope="col">${t('return.nextAttempt')}</th><th scope="col">${t('return.lastError')}</th><th scope="col">${t('return.hubAnswer')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`;
}

function changesSection(frame: PageFrame, comparison: ReturnPageData['comparison']): Markup {
  const { t } = frame;
  if (comparison === undefined) {
    return html`<h2 id="changes-title">${t('return.changes', { revision: '–' })}</h2><p>${t('return.firstSubmission')}</p>`;
  }
  const heading = html`<h2 id="changes-title">${t('return.changes', { revision: comparison.revision })}</h2>`;
  if (comparison.changes.length === 0) return html`${heading}<p>${t('return.noChanges', { revision: comparison.revision })}</p>`;
  const count = (cell: FigureChange['before']) => (cell === undefined ? '–' : String(cell.count));
  const published = (cell: FigureChange['before']) =>
    cell === undefined ? '–' : `${publishedText(cell.value)}${cell.flags ? ` ${cell.flags}` : ''}`;
  const rows = comparison.changes.slice(0, MAX_LISTED_CHANGES).map(
    (change) => html`<tr>
<td>${datasetTitle(change.dataset)}</td>
<th scope="row">${coordinatesText(change.dataset, change.coordinates)}</th>
<td class="number">${count(change.before)} → ${count(change.after)}</td>
<td class="number">${published(change.before)} → ${published(change.after)}</td>
</tr>`,
  );
  const more = comparison.changes.length - MAX_LISTED_CHANGES;
  return html`${heading}
<table class="changes">
<thead><tr><th scope="col">${t('return.dataset')}</th><th scope="col">${t('return.coordinates')}</th><th scope="col">${t('return.count')} (${t('return.before')} → ${t('return.after')})</th><th scope="col">${t('return.published')} (${t('return.before')} → ${t('return.after')})</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${more > 0 ? html`<p>${t('return.moreChanges', { count: more })}</p>` : html``}`;
}

function datasetTable(frame: PageFrame, dataset: PreviewDatasetModel): Markup {
  const { t } = frame;
  const rows = dataset.cells.map(
    (cell) => html`<tr${cell.belowThreshold ? html` class="small"` : html``}>
<th scope="row">${coordinatesText(dataset.id, cell.coordinates)}</th>
<td class="number">${String(cell.count)}${cell.belowThreshold ? html` <span class="tag">${t('return.belowThreshold')}</span>` : html``}</td>
<td class="number">${publishedText(cell.value)}</td>
<td>${cell.flags}</td>
</tr>`,
  );
  return html`<details>
<summary>${dataset.title} <span class="count">(${t('return.cells', { cells: dataset.cells.length })})</span></summary>
<table>
<caption>${dataset.title}</caption>
<thead><tr><th scope="col">${t('return.coordinates')}</th><th scope="col">${t('return.count')}</th><th scope="col">${t('return.published')}</th><th scope="col">${t('return.flags')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</details>`;
}

function flagLegend(t: Translate): Markup {
  return html`<dl class="legend" aria-label="${t('return.legend')}">
<dt>c</dt><dd>${t('return.flag.c')}</dd>
<dt>u</dt><dd>${t('return.flag.u')}</dd>
</dl>`;
}

/**
 * Registered victims by sex (all ages, presumed and identified), as the hub would publish them: bars of the protected
 * value; a confidential value has no bar and says `c`. SVG attributes only (the policy allows no inline style).
 */
function sexChart(frame: PageFrame, period: string, datasets: readonly PreviewDatasetModel[]): Markup {
  const { t } = frame;
  const title = html`<h2 id="chart-title">${t('chart.title', { period })}</h2>`;
  const dataset = datasets.find((entry) => entry.id === 'victims_sex_age');
  if (dataset === undefined) return html`${title}<p>${t('chart.none')}</p>`;
  const sexAt = dataset.dimensions.indexOf('sex');
  const bars = dataset.cells
    .filter((cell) => cell.coordinates.every((code, index) => (index === sexAt ? code !== TOTAL : code === TOTAL)))
    .map((cell) => ({ label: codeLabel(dataset.id, 'sex', cell.coordinates[sexAt] ?? ''), value: cell.value, flags: cell.flags }));
  if (bars.length === 0) return html`${title}<p>${t('chart.none')}</p>`;
  const largest = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const width = 480;
  const labelWidth = 120;
  const rowHeight = 28;
  const rows = bars.map((bar, index) => {
    const y = index * rowHeight;
    const length = bar.value === null ? 0 : Math.round(((width - labelWidth - 60) * bar.value) / largest);
    const valueText = bar.value === null ? 'c' : `${bar.value}${bar.flags ? ` ${bar.flags}` : ''}`;
    return html`<g>
<text x="0" y="${y + 18}" font-size="14" fill="#1b1b1b">${bar.label}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${length}" height="20" fill="#1d5f8a"></rect>
<text x="${labelWidth + length + 6}" y="${y + 18}" font-size="14" fill="#1b1b1b">${valueText}</text>
</g>`;
  });
  const summary = bars.map((bar) => `${bar.label}: ${bar.value === null ? 'c' : bar.value}`).join('; ');
  return html`${title}
<svg role="img" aria-labelledby="chart-title chart-summary" viewBox="0 0 ${width} ${bars.length * rowHeight + 8}" width="${width}" height="${bars.length * rowHeight + 8}">
<desc id="chart-summary">${summary}</desc>
${rows}
</svg>`;
}

function publishedText(value: number | null): string {
  return value === null ? ':' : String(value);
}

function definitionOf(id: string): DatasetDefinition | undefined {
  return Object.hasOwn(FIGURE_CATALOGUE, id) ? FIGURE_CATALOGUE[id as DatasetId] : undefined;
}

function datasetTitle(id: string): string {
  return definitionOf(id)?.title ?? id;
}

/** A cell's coordinates as labels: "Sex: Female · Age: 18-24", margins written as the catalogue names them. */
function coordinatesText(datasetId: string, coordinates: readonly string[]): string {
  const definition = definitionOf(datasetId);
  return coordinates
    .map((code, index) => {
      const dimension = definition?.dimensions[index];
      if (dimension === undefined) return code;
      return `${DIMENSION_LABELS[dimension.id]}: ${codeLabel(datasetId, dimension.id, code)}`;
    })
    .join(' · ');
}

function codeLabel(datasetId: string, dimensionId: string, code: string): string {
  const dimension = definitionOf(datasetId)?.dimensions.find((entry) => entry.id === dimensionId);
  return dimension?.codes.find((entry) => entry.code === code)?.label ?? code;
}

export function formatTime(date: Date, language: ConsoleLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(date) + ' UTC';
}

/** What the last action did (`status`) or why it was refused (`alert`), at the top of a page. */
export interface Notice {
  readonly kind: 'status' | 'alert';
  readonly text: string;
}

export function noticeBlock(notice: Notice | undefined): Markup {
  return notice === undefined
    ? html``
    : html`<p class="${notice.kind === 'alert' ? 'error' : 'notice'}" role="${notice.kind}">${notice.text}</p>`;
}

/** Text with `backquoted` parts set as code. */
function codeSpans(text: string): Markup {
  const parts = text.split('`');
  return html`${parts.map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : html`${part}`))}`;
}

/** A revocation as the steward follows it. */
export interface RevocationRow {
  readonly id: string;
  readonly pseudonym: string;
  readonly revokedAt: Date;
  readonly state: RevocationState;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly erased: number | null;
  readonly figuresPromise: string | null;
}

/** Revocation states after which nothing changes by itself. */
const FINAL_REVOCATION_STATES: ReadonlySet<RevocationState> = new Set([
  RevocationState.DELIVERED,
  RevocationState.RECEIPTED,
  RevocationState.REJECTED,
]);

export function consentPage(frame: PageFrame, data: { readonly revocations: readonly RevocationRow[]; readonly notice?: Notice }): string {
  const { t } = frame;
  const csrf = frame.signedIn?.csrfToken ?? '';
  const notice = noticeBlock(data.notice);
  // Found by POST: a case reference is the office's own, kept out of addresses, histories and logs.
  return renderPage(
    frame,
    t('consent.title'),
    html`${notice}
<section aria-labelledby="find-title">
<h2 id="find-title">${t('consent.findTitle')}</h2>
<p>${t('consent.findIntro')}</p>
<form method="post" action="/console/consent/find" class="find">
<input type="hidden" name="csrf" value="${csrf}">
<p><label for="reference">${t('consent.reference')}</label> <input id="reference" name="reference" required maxlength="200" autocomplete="off"></p>
<button type="submit">${t('consent.find')}</button>
</form>
</section>
<section aria-labelledby="revocations-title">
<h2 id="revocations-title">${t('consent.title')}</h2>
${revocationsFragment(frame, data.revocations)}
</section>`,
  );
}

export function confirmRevocationPage(
  frame: PageFrame,
  data: {
    readonly reference: string;
    readonly personId: string;
    readonly registrations: number;
    readonly given: string;
    readonly formToken: string;
  },
): string {
  const { t } = frame;
  return renderPage(
    frame,
    t('consent.confirmTitle', { reference: data.reference }),
    html`<p>${t('consent.person', { reference: data.reference, registrations: data.registrations, given: data.given })}</p>
<p><strong>${t('consent.willHappen')}</strong></p>
<ul class="consequences">
<li>${t('consent.erase')}</li>
<li>${t('consent.exclude')}</li>
<li>${t('consent.destroy')}</li>
</ul>
<form method="post" action="/console/consent/revoke" class="submit" data-once>
<input type="hidden" name="csrf" value="${frame.signedIn?.csrfToken ?? ''}">
<input type="hidden" name="form" value="${data.formToken}">
<input type="hidden" name="personId" value="${data.personId}">
<button type="submit" class="danger">${t('consent.confirm')}</button>
<a href="/console/consent">${t('consent.cancel')}</a>
</form>`,
  );
}

/** The revocations table alone, followed by the page's script like the delivery table. */
export function revocationsFragment(frame: PageFrame, revocations: readonly RevocationRow[]): Markup {
  const { t } = frame;
  if (revocations.length === 0) return html`<div id="delivery" data-live="false"><p>${t('consent.none')}</p></div>`;
  const live = revocations.some((revocation) => !FINAL_REVOCATION_STATES.has(revocation.state));
  const rows = revocations.map(
    (revocation) => html`<tr data-state="${revocation.state}" data-notice="${revocation.id}">
<td>${html`<time datetime="${revocation.revokedAt.toISOString()}">${formatTime(revocation.revokedAt, frame.language)}</time>`}</td>
<td><code>${revocation.pseudonym.slice(0, 12)}…</code></td>
<td><span class="state state-${revocation.state.toLowerCase()}">${t(`revocation.${revocation.state}`)}</span>${
      revocation.lastErrorCode === null ? html`` : html` <span class="tag">${revocation.lastErrorCode}</span>`
    }</td>
<td class="number">${revocation.erased === null ? '' : String(revocation.erased)}</td>
<td>${revocation.figuresPromise ?? ''}</td>
</tr>`,
  );
  return html`<div id="delivery" data-live="${live ? 'true' : 'false'}" data-source="/console/consent/revocations" aria-live="polite">
${live ? html`<p class="hint">${t('return.live')}</p>` : html``}
<table>
<thead><tr><th scope="col">${t('consent.revokedAt')}</th><th scope="col">${t('consent.pseudonym')}</th><th scope="col">${t('consent.receipt')}</th><th scope="col">${t('consent.erased')}</th><th scope="col">${t('consent.promise')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`;
}
