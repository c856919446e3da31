import { flagLabels } from '#app/standard';
import type { ComparativeRowData } from '../figures/figures.service.js';
import type { Measure } from '../figures/measure.js';
import { html, type Markup } from '#app/platform';
import { isRate } from '../figures/measure.js';
import { formatValue, niceAxis } from './value-format.js';

export interface ChartInput {
  readonly title: string;
  readonly unit: string;
  readonly measure: Measure;
  readonly periods: readonly string[];
  /** Country rows only (groups are in the table, not the chart: their totals would flatten every country's bar). */
  readonly rows: readonly ComparativeRowData[];
}

/** From this many periods on, the chart shows each country's series over time; below, bars per period. */
export const LINE_CHART_FROM_PERIODS = 4;

/** Dark enough on white for non-text contrast (WCAG 1.4.11, at least 3:1); lines repeat them with dash patterns. */
const PALETTE = ['#1f5fa8', '#b3470c', '#2e7d32', '#6a1b9a', '#ad1457', '#00695c', '#5d4037', '#37474f'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

const WIDTH = 860;
const LABEL_WIDTH = 190;
const VALUE_ROOM = 110;
const TOP = 34;

/**
 * An inline SVG chart of a comparative report: one mark (`<g class="mark" data-geo>`) per country, flagged values
 * marked with their flags, a legend of the flags present, and a title and description for assistive technology.
 */
export function renderChart(input: ChartInput): Markup {
  const lines = input.periods.length >= LINE_CHART_FROM_PERIODS;
  const body = lines ? lineChart(input) : barChart(input);
  const present = [...new Set(input.rows.flatMap((row) => row.values.flatMap((value) => [...value.flags])))].join('');
  const legend = flagLabels(present);
  const legendTop = body.height + 10;
  const legendMarkup = legend.map(
    (entry, index) =>
      html`<text class="legend-entry" data-flag="${entry.flag}" x="${12 + (index % 3) * 280}" y="${legendTop + 18 + Math.floor(index / 3) * 18}"><tspan class="flag">${entry.flag}</tspan> ${entry.label}</text>`,
  );
  const height = legendTop + (legend.length === 0 ? 8 : 26 + Math.ceil(legend.length / 3) * 18);
  return html`<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${input.title}</title>
<desc id="chart-desc">${describe(input, lines)}</desc>
${body.markup}
<g class="flag-legend" aria-label="Flags">${legend.length === 0 ? '' : html`<text class="legend-title" x="12" y="${legendTop}">Flags</text>`}${legend.length === 0 ? html`<text class="legend-entry none" x="12" y="${legendTop + 4}">No flagged values.</text>` : legendMarkup}</g>
</svg>`;
}

function barChart(input: ChartInput): { markup: Markup; height: number } {
  const perPeriod = 16;
  const rowHeight = input.periods.length * perPeriod + 12;
  const plotLeft = LABEL_WIDTH;
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const values = input.rows.flatMap((row) => row.values.map((value) => value.value).filter((value): value is number => value !== null));
  const { top, ticks: tickValues } = niceAxis(Math.max(0, ...values), !isRate(input.measure));
  const x = (value: number) => plotLeft + (value / top) * plotWidth;
  const plotBottom = TOP + input.rows.length * rowHeight;
  const marks = input.rows.map((row, rowIndex) => {
    const y0 = TOP + rowIndex * rowHeight + 6;
    const bars = row.values.map((value, periodIndex) => {
      const y = y0 + periodIndex * perPeriod;
      const width = value.value === null ? 0 : Math.max(value.value > 0 ? 1 : 0, x(value.value) - plotLeft);
      const text = `${formatValue(value.value, input.measure)}${value.flags === '' ? '' : ` ${value.flags}`}`;
      return html`<rect class="bar" x="${plotLeft}" y="${y}" width="${width.toFixed(1)}" height="${perPeriod - 3}" fill="${PALETTE[periodIndex % PALETTE.length]}"><title>${row.label}, ${value.time}: ${text}</title></rect><text class="value${value.flags === '' ? '' : ' flagged'}" x="${(plotLeft + width + 5).toFixed(1)}" y="${y + perPeriod - 5}">${formatValue(value.value, input.measure)}${value.flags === '' ? '' : html` <tspan class="flag">${value.flags}</tspan>`}</text>`;
    });
    return html`<g class="mark" data-geo="${row.geo}"><text class="country" x="${plotLeft - 8}" y="${y0 + (input.periods.length * perPeriod) / 2 + 2}" text-anchor="end">${row.geo} ${truncate(row.label, 22)}</text>${bars}</g>`;
  });
  const ticks = tickValues.map((value) => {
    return html`<line class="grid" x1="${x(value).toFixed(1)}" x2="${x(value).toFixed(1)}" y1="${TOP}" y2="${plotBottom}"/><text class="tick" x="${x(value).toFixed(1)}" y="${plotBottom + 16}" text-anchor="middle">${formatValue(value, input.measure)}</text>`;
  });
  const periodLegend =
    input.periods.length > 1
      ? input.periods.map(
          (period, index) =>
            html`<rect x="${plotLeft + index * 110}" y="8" width="12" height="12" fill="${PALETTE[index % PALETTE.length]}"/><text class="period" x="${plotLeft + index * 110 + 16}" y="18">${period}</text>`,
        )
      : [html`<text class="period" x="${plotLeft}" y="18">${input.periods[0] ?? ''}</text>`];
  const axis = html`<text class="axis-label" x="${plotLeft + plotWidth / 2}" y="${plotBottom + 34}" text-anchor="middle">${input.unit}</text>`;
  return {
    markup: html`<g class="axes">${ticks}${axis}</g><g class="periods">${periodLegend}</g><g class="marks">${marks}</g>`,
    height: plotBottom + 44,
  };
}

function lineChart(input: ChartInput): { markup: Markup; height: number } {
  const plotLeft = 70;
  const plotRight = WIDTH - 80;
  const plotTop = TOP;
  const plotBottom = TOP + 300;
  const values = input.rows.flatMap((row) => row.values.map((value) => value.value).filter((value): value is number => value !== null));
  const { top, ticks: tickValues } = niceAxis(Math.max(0, ...values), !isRate(input.measure));
  const step = input.periods.length > 1 ? (plotRight - plotLeft) / (input.periods.length - 1) : 0;
  const x = (index: number) => plotLeft + index * step;
  const y = (value: number) => plotBottom - (value / top) * (plotBottom - plotTop);
  // Values that are missing are listed above the axis at their period, one line per country, so they never overlap.
  const missingBefore = (rowIndex: number, periodIndex: number) =>
    input.rows.slice(0, rowIndex).filter((row) => row.values[periodIndex]?.value === null).length;
  const marks = input.rows.map((row, rowIndex) => {
    const colour = PALETTE[rowIndex % PALETTE.length]!;
    const dash = DASHES[Math.floor(rowIndex / PALETTE.length) % DASHES.length]!;
    let path = '';
    let drawing = false;
    const points: Markup[] = [];
    row.values.forEach((value, index) => {
      if (value.value === null) {
        drawing = false;
        const lineY = plotBottom - 6 - missingBefore(rowIndex, index) * 12;
        points.push(
          html`<text class="value flagged missing" x="${x(index).toFixed(1)}" y="${lineY.toFixed(1)}" text-anchor="middle">${row.geo} <tspan class="flag">${value.flags}</tspan></text>`,
        );
        return;
      }
      path += `${drawing ? 'L' : 'M'}${x(index).toFixed(1)},${y(value.value).toFixed(1)} `;
      drawing = true;
      points.push(
        html`<circle cx="${x(index).toFixed(1)}" cy="${y(value.value).toFixed(1)}" r="3.5" fill="${colour}"><title>${row.label}, ${value.time}: ${formatValue(value.value, input.measure)}${value.flags === '' ? '' : ` ${value.flags}`}</title></circle>`,
      );
      if (value.flags !== '') {
        points.push(
          html`<text class="value flagged" x="${(x(index) + 5).toFixed(1)}" y="${(y(value.value) - 6).toFixed(1)}"><tspan class="flag">${value.flags}</tspan></text>`,
        );
      }
    });
    const lastIndex = row.values.map((value) => value.value !== null).lastIndexOf(true);
    const last = row.values[lastIndex];
    const label =
      last === undefined || last.value === null
        ? html``
        : html`<text class="country" x="${(x(lastIndex) + 8).toFixed(1)}" y="${(y(last.value) + 4).toFixed(1)}">${row.geo}</text>`;
    return html`<g class="mark" data-geo="${row.geo}"><path d="${path.trim()}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>${points}${label}</g>`;
  });
  const yTicks = tickValues.map(
    (value) =>
      html`<line class="grid" x1="${plotLeft}" x2="${plotRight}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}"/><text class="tick" x="${plotLeft - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${formatValue(value, input.measure)}</text>`,
  );
  const xTicks = input.periods.map(
    (period, index) => html`<text class="tick" x="${x(index).toFixed(1)}" y="${plotBottom + 16}" text-anchor="middle">${period}</text>`,
  );
  const axis = html`<text class="axis-label" x="${plotLeft}" y="${plotTop - 12}">${input.unit}</text>`;
  return { markup: html`<g class="axes">${yTicks}${xTicks}${axis}</g><g class="marks">${marks}</g>`, height: plotBottom + 30 };
}

/** The chart in words: what it shows, the highest and lowest values, and what is missing. */
function describe(input: ChartInput, lines: boolean): string {
  const period = input.periods.at(-1) ?? '';
  const latest = input.rows.map((row) => ({ row, value: row.values.at(-1) }));
  const shown = latest
    .filter((entry) => entry.value?.value !== null && entry.value !== undefined)
    .sort((a, b) => (b.value!.value as number) - (a.value!.value as number));
  const missing = latest.filter((entry) => entry.value === undefined || entry.value.value === null);
  const parts = [
    lines
      ? `Line chart of ${input.unit} by country over ${input.periods.length} periods, ${input.periods[0]} to ${period}.`
      : `Bar chart of ${input.unit} by country, ${input.periods.join(', ')}.`,
  ];
  if (shown.length > 0) {
    const first = shown[0]!;
    const lastShown = shown.at(-1)!;
    parts.push(
      `In ${period}, highest: ${first.row.label} (${formatValue(first.value!.value, input.measure)}); lowest: ${lastShown.row.label} (${formatValue(lastShown.value!.value, input.measure)}).`,
    );
  }
  if (missing.length > 0) {
    parts.push(`No value in ${period} for ${missing.map((entry) => `${entry.row.label} (${entry.value?.flags ?? ':'})`).join(', ')}.`);
  }
  parts.push('The table below gives every value with its flags.');
  return parts.join(' ');
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
