import { describe, expect, it } from '@jest/globals';
import { DIMENSION_LABELS } from '#app/standard';
import type { ComparativeReportData, ComparativeRowData } from '../figures/figures.service.js';
import { Measure } from '../figures/measure.js';
import { renderChart } from './report-chart.js';
import { exportLinks, renderReportPage } from './report-page.js';

function row(geo: string, label: string, values: [number | null, string][], periods: string[]): ComparativeRowData {
  return {
    geo,
    label,
    isGroup: geo.length > 2,
    values: values.map(([value, flags], index) => ({ time: periods[index]!, value, flags, noteIds: [], rank: null, comparable: false })),
  };
}

function report(periods: string[], rows: ComparativeRowData[]): ComparativeReportData {
  return {
    periods,
    rows,
    table: {
      dataset: 'victims_citizenship',
      title: 'Registered victims by citizenship <group>',
      source: { kind: 'RELEASE', release: 4, publishedAt: new Date('2026-10-01T08:00:00Z'), disclosureMethod: 'CELL_KEY' },
      measure: Measure.COUNT,
      unit: 'persons',
      populationTable: null,
      dimensions: [
        { id: 'geo', label: DIMENSION_LABELS.geo, codes: rows.map((entry) => ({ code: entry.geo, label: entry.label })) },
        { id: 'time', label: DIMENSION_LABELS.time, codes: periods.map((period) => ({ code: period, label: period })) },
        { id: 'citizen', label: 'Citizenship', codes: [{ code: 'TOTAL', label: 'Total' }] },
        { id: 'sex', label: 'Sex', codes: [{ code: 'TOTAL', label: 'Total' }] },
      ],
      cells: [],
      notes: [{ id: 'protection.cell-key', text: 'Tables are not additive.' }],
    },
  };
}

const marks = (svg: string) => [...svg.matchAll(/<g class="mark" data-geo="([^"]+)">/g)].map((match) => match[1]);
const legend = (svg: string) => [...svg.matchAll(/class="legend-entry" data-flag="([^"]+)"/g)].map((match) => match[1]);

describe('report chart and page', () => {
  it('draws bars for few periods: one mark per country, flags on the marks, a legend of exactly the flags present', () => {
    const periods = ['2026-Q1'];
    const rows = [
      row('AT', 'Austria', [[31, '']], periods),
      row('DE', 'Germany', [[34, 'd']], periods),
      row('FR', 'France', [[null, ':']], periods),
    ];
    const svg = renderChart({ title: 'Victims', unit: 'persons', measure: Measure.COUNT, periods, rows }).text;
    expect(marks(svg)).toEqual(['AT', 'DE', 'FR']);
    expect(svg).toContain('<rect class="bar"');
    expect(legend(svg)).toEqual([':', 'd']);
    expect(svg).toMatch(
      /<desc id="chart-desc">Bar chart of persons by country, 2026-Q1\. In 2026-Q1, highest: Germany \(34\); lowest: Austria \(31\)\. No value in 2026-Q1 for France \(:\)\./,
    );
  });

  it('draws lines for many periods, one path per country, breaking where a value is missing', () => {
    const periods = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];
    const rows = [
      row(
        'AT',
        'Austria',
        [
          [3, ''],
          [4, 'u'],
          [null, 'c'],
          [6, ''],
        ],
        periods,
      ),
      row(
        'BE',
        'Belgium',
        [
          [1, 'p'],
          [2, 'p'],
          [3, 'p'],
          [4, 'p'],
        ],
        periods,
      ),
    ];
    const svg = renderChart({ title: 'Victims', unit: 'persons', measure: Measure.COUNT, periods, rows }).text;
    expect(marks(svg)).toEqual(['AT', 'BE']);
    expect(svg.match(/<path d="([^"]*)"/g)).toHaveLength(2);
    // Austria's line stops before the confidential quarter and starts again after it.
    expect(svg.match(/<path d="([^"]*)"/)![1]!.match(/M/g)).toHaveLength(2);
    expect(legend(svg)).toEqual(['c', 'p', 'u']);
  });

  it('renders a page that escapes its texts and links the same selection in each format', () => {
    const periods = ['2026'];
    const rows = [row('AT', 'Austria', [[12, 'p']], periods), row('EU27_2020', 'EU <27>', [[40, ':p']], periods)];
    const data = report(periods, rows);
    const page = renderReportPage({
      report: data,
      definitions: new Map([
        [
          'AT',
          [
            {
              country: 'AT',
              validFrom: '2025',
              validTo: null,
              legalDefinition: 'PALERMO',
              identificationThreshold: 'AUTHORITY',
              breakdownsNotCollected: [],
              presumedVictimsIncluded: true,
              footnote: 'Police & "NGOs" <only>',
            },
          ],
        ],
      ]),
      query: {},
    });
    expect(page).toContain('<title>Registered victims by citizenship &lt;group&gt;: persons (count), 2026 (release 4)</title>');
    expect(page).toContain('Police &amp; &quot;NGOs&quot; &lt;only&gt;');
    expect(page).not.toContain('<only>');
    expect(page).not.toContain('<script');
    expect(marks(page)).toEqual(['AT']);
    expect(exportLinks(data, 4).map((link) => link.href)).toEqual([
      '../exports/victims_citizenship?format=jsonstat&release=4&measure=COUNT&geo=AT,EU27_2020&time=2026&citizen=TOTAL&sex=TOTAL',
      '../exports/victims_citizenship?format=sdmx-csv&release=4&measure=COUNT&geo=AT,EU27_2020&time=2026&citizen=TOTAL&sex=TOTAL',
      '../exports/victims_citizenship?format=csv&release=4&measure=COUNT&geo=AT,EU27_2020&time=2026&citizen=TOTAL&sex=TOTAL',
      'victims_citizenship?release=4&countries=AT,EU27_2020&periods=2026&measure=COUNT&format=pdf',
    ]);
    expect(page).toContain('href="../exports/victims_citizenship?format=csv&amp;release=4');
    expect(page).toContain('@media print');
  });
});
