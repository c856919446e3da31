import { flagLabels } from '#app/standard';
import { definitionNoteText, type DefinitionEntry } from '../figures/figure-notes.js';
import type { ComparativeReportData } from '../figures/figures.service.js';
import { Measure } from '../figures/measure.js';
import { html, raw, type Markup } from '#app/platform';
import { renderChart } from './report-chart.js';
import { formatValue } from './value-format.js';

export interface ReportPageInput {
  readonly report: ComparativeReportData;
  /** Metadata entries in force in the report's periods, by country. */
  readonly definitions: ReadonlyMap<string, readonly DefinitionEntry[]>;
  /** The query the page was asked with, for the form's defaults. */
  readonly query: { readonly countries?: readonly string[]; readonly periods?: readonly string[] };
}

const MEASURE_NAMES: Readonly<Record<Measure, string>> = {
  [Measure.COUNT]: 'Persons (count)',
  [Measure.RATE_PER_100K]: 'Per 100 000 inhabitants',
  [Measure.RATE_PER_MILLION]: 'Per million inhabitants',
};

/**
 * The comparative report as a self-contained HTML page: chart, flag legend, data table, definitions per country,
 * notes and links to the same selection as exports. No script; every text escaped; printable.
 */
export function renderReportPage(input: ReportPageInput): string {
  const { report } = input;
  const table = report.table;
  if (table.source.kind !== 'RELEASE') throw new Error('a report page shows a release');
  const release = table.source.release;
  const countries = report.rows.filter((row) => !row.isGroup);
  const present = flagLabels([...new Set(report.rows.flatMap((row) => row.values.flatMap((value) => [...value.flags])))].join(''));
  const title = `${table.title}: ${MEASURE_NAMES[table.measure].toLowerCase()}, ${report.periods.join(', ')}`;
  const chart = renderChart({ title, unit: table.unit, measure: table.measure, periods: report.periods, rows: countries });
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} (release ${release})</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<h1>${table.title}</h1>
<p class="meta">Release ${release}, published ${table.source.publishedAt.toISOString().slice(0, 10)}. Measure: ${table.unit}.${
    table.populationTable === null ? '' : html` Population: table ${table.populationTable.version}.`
  } Disclosure control: ${table.source.disclosureMethod}.</p>
</header>
${selectionForm(input, release)}
<main>
<section aria-labelledby="chart-heading">
<h2 id="chart-heading">Chart</h2>
<figure>${chart}<figcaption>${countries.length} countries. Country groups are listed in the table. Flagged values carry their flag; see the legend.</figcaption></figure>
</section>
<section aria-labelledby="flags-heading">
<h2 id="flags-heading">Flags</h2>
${present.length === 0 ? html`<p>No value is flagged.</p>` : html`<dl class="flag-legend">${present.map((entry) => html`<dt>${entry.flag}</dt><dd>${entry.label}</dd>`)}</dl>`}
</section>
<section aria-labelledby="data-heading">
<h2 id="data-heading">Data</h2>
${dataTable(report, title)}
</section>
<section aria-labelledby="definitions-heading">
<h2 id="definitions-heading">Definitions by country</h2>
<p>Countries define trafficking and identify victims differently; a value flagged d (definition differs) is not ranked.</p>
${definitionList(report, input.definitions)}
</section>
<section aria-labelledby="notes-heading">
<h2 id="notes-heading">Notes</h2>
<ul class="notes">${table.notes.map((note) => html`<li id="${`note-${note.id}`}">${note.text}</li>`)}</ul>
</section>
<section aria-labelledby="downloads-heading">
<h2 id="downloads-heading">Download this selection</h2>
<ul class="downloads">${exportLinks(report, release).map((link) => html`<li><a href="${link.href}" type="${link.type}">${link.label}</a></li>`)}</ul>
</section>
</main>
</body>
</html>
`;
  return page.text;
}

function selectionForm(input: ReportPageInput, release: number): Markup {
  const measure = input.report.table.measure;
  return html`<nav class="no-print" aria-label="Selection">
<form method="get">
<input type="hidden" name="release" value="${release}">
<label>Measure <select name="measure">${Object.values(Measure).map((value) => (value === measure ? html`<option value="${value}" selected>${MEASURE_NAMES[value]}</option>` : html`<option value="${value}">${MEASURE_NAMES[value]}</option>`))}</select></label>
<label>Periods <input name="periods" value="${(input.query.periods ?? input.report.periods).join(',')}" size="24"></label>
<label>Countries <input name="countries" value="${(input.query.countries ?? []).join(',')}" size="24" placeholder="all"></label>
<button type="submit">Show</button>
</form>
</nav>`;
}

function dataTable(report: ComparativeReportData, title: string): Markup {
  const measure = report.table.measure;
  const head = report.periods.map((period) => html`<th scope="col" colspan="3">${period}</th>`);
  const subHead = report.periods.map(() => html`<th scope="col">Value</th><th scope="col">Flags</th><th scope="col">Rank</th>`);
  const rows = report.rows.map((row) => {
    const cells = row.values.map(
      (value) =>
        html`<td class="number">${formatValue(value.value, measure)}</td><td class="flags">${value.flags}</td><td class="number">${value.rank === null ? '' : String(value.rank)}</td>`,
    );
    return html`<tr${raw(row.isGroup ? ' class="group"' : '')}><th scope="row">${row.geo} ${row.label}</th>${cells}</tr>`;
  });
  return html`<table>
<caption>${title}. Rank: among comparable countries (a value, no d, no :), 1 = highest.</caption>
<thead><tr><th scope="col" rowspan="2">Country</th>${head}</tr><tr>${subHead}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function definitionList(report: ComparativeReportData, definitions: ReadonlyMap<string, readonly DefinitionEntry[]>): Markup {
  const items = report.rows.map((row) => {
    if (row.isGroup) {
      const note = report.table.notes.find((candidate) => candidate.id === `group.${row.geo}`);
      return html`<dt>${row.geo} ${row.label}</dt><dd>${note?.text ?? 'Sum of its member countries.'}</dd>`;
    }
    const entries = definitions.get(row.geo) ?? [];
    return html`<dt>${row.geo} ${row.label}</dt>${
      entries.length === 0
        ? html`<dd>No metadata recorded: definition and threshold unknown.</dd>`
        : entries.map((entry) => html`<dd>${definitionNoteText(entry)}</dd>`)
    }`;
  });
  return html`<dl class="definitions">${items}</dl>`;
}

/**
 * The same selection (geos, periods, every other dimension at TOTAL) in each export format, relative to this page,
 * and this report printed to PDF.
 */
export function exportLinks(report: ComparativeReportData, release: number): { href: string; label: string; type: string }[] {
  const table = report.table;
  const parameters = [
    `release=${release}`,
    `measure=${table.measure}`,
    ...table.dimensions.map((dimension) => `${dimension.id}=${dimension.codes.map((code) => encodeURIComponent(code.code)).join(',')}`),
  ].join('&');
  const base = `../exports/${encodeURIComponent(table.dataset)}?`;
  const codesOf = (id: string) =>
    (table.dimensions.find((dimension) => dimension.id === id)?.codes ?? []).map((code) => encodeURIComponent(code.code)).join(',');
  const reportParameters = `release=${release}&countries=${codesOf('geo')}&periods=${codesOf('time')}&measure=${table.measure}`;
  return [
    { href: `${base}format=jsonstat&${parameters}`, label: 'JSON-stat 2.0', type: 'application/json' },
    { href: `${base}format=sdmx-csv&${parameters}`, label: 'SDMX-CSV 2.0', type: 'application/vnd.sdmx.data+csv' },
    { href: `${base}format=csv&${parameters}`, label: 'CSV with labels (spreadsheets)', type: 'text/csv' },
    {
      href: `${encodeURIComponent(table.dataset)}?${reportParameters}&format=pdf`,
      label: 'PDF of this report (A4)',
      type: 'application/pdf',
    },
  ];
}

/** Dark text on white (contrast above 15:1), links 8:1; print drops the form and prints link targets. */
const STYLE = `
:root { color: #1b1b1b; background: #ffffff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45; }
body { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #8a8a8a; }
.meta { color: #3d3d3d; }
a { color: #0b4f8a; }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #b3470c; outline-offset: 2px; }
form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; background: #f3f3f3; padding: 0.75rem; }
label { display: flex; flex-direction: column; font-size: 0.9rem; }
figure { margin: 0; overflow-x: auto; }
figcaption { font-size: 0.9rem; color: #3d3d3d; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg .country, svg .tick, svg .period, svg .axis-label, svg .legend-entry, svg .legend-title, svg .value { fill: #1b1b1b; }
svg .legend-title { font-weight: bold; }
svg .grid { stroke: #c4c4c4; stroke-width: 1; }
svg .flag, .flags { font-weight: bold; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-size: 0.9rem; padding-bottom: 0.4rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.45rem; text-align: left; }
thead th { background: #e8e8e8; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.group th, tr.group td { background: #f3f3f3; font-style: italic; }
dl.flag-legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.flag-legend dt { font-weight: bold; font-style: italic; }
dl.definitions dt { font-weight: bold; margin-top: 0.6rem; }
dl.definitions dd { margin-left: 1rem; }
@media print {
  @page { margin: 15mm; }
  :root { font-size: 10pt; }
  body { max-width: none; margin: 0; }
  .no-print { display: none; }
  a { color: #000000; text-decoration: none; }
  .downloads a::after { content: " (" attr(href) ")"; font-size: 8pt; word-break: break-all; }
  section { break-inside: avoid-page; }
  table { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  svg.chart { width: 100%; }
}
`;
