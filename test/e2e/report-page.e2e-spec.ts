import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { Role } from '#app/auth';
import type { CountryCode } from '#app/standard';
import { launchChromium } from '../support/headless-chromium.js';
import { startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

const HOSTILE_FOOTNOTE = '<script>document.title="owned"</script> & <b>bold</b> "quoted"';

interface ReportRow {
  geo: string;
  group: boolean;
  values: { time: string; value: number | null; flags: string }[];
}

/** WCAG relative luminance contrast of two CSS colours given as rgb(...) strings. */
function contrast(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('report page: server-rendered comparative report in headless Chromium', () => {
  let hub: HubUnderTest;
  let browser: Browser;
  let page: Page;
  let screenshots: string;

  const comparative = async (periods: string[], measure: string): Promise<ReportRow[]> => {
    const answer = await hub.graphql<{ comparativeReport: { rows: ReportRow[] } }>(
      `query C($periods: [String!], $measure: Measure) { comparativeReport(dataset: "victims_sex_age", periods: $periods, measure: $measure) { rows { geo group values { time value flags } } } }`,
      { periods, measure },
      await hub.token([Role.RESEARCHER]),
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.comparativeReport.rows;
  };

  /** What the chart shows: its marks, the flags written on them and the flags its legend lists. */
  const chartOf = async () => {
    const svg = page.locator('svg.chart');
    return {
      role: await svg.getAttribute('role'),
      labelledBy: await svg.getAttribute('aria-labelledby'),
      title: (await svg.locator('> title').textContent()) ?? '',
      description: (await svg.locator('> desc').textContent()) ?? '',
      marks: await Promise.all(
        (await svg.locator('g.mark').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-geo') ?? ''))).map(async (geo) => ({
          geo,
          flags: await svg.locator(`g.mark[data-geo="${geo}"] .flag`).allTextContents(),
        })),
      ),
      legend: await svg
        .locator('.flag-legend .legend-entry[data-flag]')
        .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-flag'))),
    };
  };
  const colourOf = (selector: string, property: 'color' | 'fill' | 'backgroundColor') =>
    page
      .locator(selector)
      .first()
      .evaluate((element, name) => element.ownerDocument.defaultView!.getComputedStyle(element)[name], property);

  beforeAll(async () => {
    hub = await startHub('report-page', { PROVISIONAL_QUARTERS: '1' });
    const nodes = new Map<string, SimulatedNode>();
    for (const country of ['AT', 'BE', 'DE', 'FR'] as const) {
      const node = await SimulatedNode.create(`node-${country.toLowerCase()}`, [country]);
      nodes.set(country, node);
      expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
    }
    const metadata = [
      {
        country: 'BE',
        validFrom: '2025',
        legalDefinition: 'EU_DIRECTIVE',
        identificationThreshold: 'REFERRAL',
        breakdownsNotCollected: [],
        footnote: HOSTILE_FOOTNOTE,
      },
      {
        country: 'DE',
        validFrom: '2025',
        legalDefinition: 'NATIONAL_WIDER',
        identificationThreshold: 'REFERRAL',
        breakdownsNotCollected: ['reg_org'],
      },
    ];
    for (const entry of metadata) {
      const answer = await hub.graphql(
        'mutation M($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { country } }',
        { input: { ...entry, presumedVictimsIncluded: true } },
        hub.adminToken,
      );
      expect(answer.errors).toBeUndefined();
    }
    const send = async (country: CountryCode, period: string, from: number, count: number) => {
      const node = nodes.get(country)!;
      const records = syntheticRecords(node, country, period, syntheticPersons(node, country, from, count), from + count);
      expect(
        (await hub.graphql(SUBMIT_RETURN, { jws: await node.signReturn(node.buildReturn(country, period, records)) })).errors,
      ).toBeUndefined();
    };
    // Four quarters of Austria and Germany (a line chart), one of Belgium, nothing from France (not available).
    for (const [index, period] of ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'].entries()) {
      await send('AT', period, index * 20, 35);
      await send('DE', period, index * 30, 50);
    }
    await send('BE', '2026-Q1', 0, 4);
    const tsv = [
      'indic_de,geo\\time\t2025 \t2026 ',
      'JAN,AT\t9100000 \t9160000 e',
      'JAN,BE\t11800000 \t11870000 ',
      'JAN,DE\t83400000 \t83500000 p',
      'JAN,FR\t68400000 \t68500000 ',
    ].join('\n');
    const population = await hub.graphql(
      'mutation L($input: LoadPopulationTableInput!) { loadPopulationTable(input: $input) { version } }',
      { input: { tsv: `${tsv}\n`, tableId: 'test-pop', title: 'Population on 1 January', source: 'test', extractionDate: '2027-01-31' } },
      hub.adminToken,
    );
    expect(population.errors).toBeUndefined();
    expect((await hub.graphql('mutation { publishRelease { number } }', {}, hub.adminToken)).errors).toBeUndefined();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    screenshots = await mkdtemp(join(tmpdir(), 'thb-report-page-'));
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('draws one mark per country with its flags and a legend of the flags present, for one period', async () => {
    const response = await page.goto(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    const rows = await comparative(['2026-Q1'], 'COUNT');
    const countries = rows.filter((row) => !row.group);
    const chart = await chartOf();
    expect(chart.marks.map((mark) => mark.geo)).toEqual(countries.map((row) => row.geo));
    for (const row of countries) {
      const mark = chart.marks.find((candidate) => candidate.geo === row.geo)!;
      expect({ geo: row.geo, flags: mark.flags }).toEqual({
        geo: row.geo,
        flags: row.values.map((value) => value.flags).filter((flags) => flags !== ''),
      });
    }
    const present = [...new Set(countries.flatMap((row) => row.values.flatMap((value) => [...value.flags])))].sort();
    expect(present).toEqual(expect.arrayContaining([':', 'd']));
    expect([...chart.legend].sort()).toEqual(present);
    const screenshot = join(screenshots, 'report-bars.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report page screenshot (bars): ${screenshot}`);
  });

  it('draws each country over time when periods are many, with rates per 100 000', async () => {
    const periods = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];
    await page.goto(
      `${hub.url}/reports/victims_sex_age?periods=${periods.join(',')}&measure=RATE_PER_100K&countries=AT,BE,DE,FR,EU27_2020`,
    );
    const rows = await comparative(periods, 'RATE_PER_100K');
    const chart = await chartOf();
    expect(chart.marks.map((mark) => mark.geo)).toEqual(rows.filter((row) => !row.group).map((row) => row.geo));
    expect(await page.locator('svg.chart g.mark path').count()).toBe(chart.marks.length);
    expect(chart.description).toContain('Line chart');
    const present = [...new Set(rows.filter((row) => !row.group).flatMap((row) => row.values.flatMap((value) => [...value.flags])))].sort();
    expect([...chart.legend].sort()).toEqual(present);
    const screenshot = join(screenshots, 'report-lines.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report page screenshot (lines): ${screenshot}`);
  });

  it('gives the chart text alternatives and a data table, with sufficient contrast', async () => {
    await page.goto(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`);
    const chart = await chartOf();
    expect(chart).toMatchObject({ role: 'img', labelledBy: 'chart-title chart-desc' });
    expect(chart.title).toContain('Registered victims');
    expect(chart.description).toMatch(/highest: .+; lowest: /);
    const table = {
      caption: (await page.locator('table caption').textContent()) ?? '',
      rowHeaders: await page.locator('tbody th[scope="row"]').allTextContents(),
      columnHeaders: await page.locator('thead th[scope="col"]').count(),
    };
    expect(table.caption).toContain('Rank');
    expect(table.rowHeaders).toEqual([
      'AT Austria',
      'BE Belgium',
      'DE Germany',
      'FR France',
      'EU27_2020 European Union - 27 countries (from 2020)',
    ]);
    expect(table.columnHeaders).toBeGreaterThan(3);
    const colours = {
      background: await colourOf('html', 'backgroundColor'),
      text: await colourOf('p.meta', 'color'),
      body: await colourOf('td', 'color'),
      link: await colourOf('.downloads a', 'color'),
      chartText: await colourOf('svg.chart .country', 'fill'),
      bar: (await page.locator('svg.chart rect.bar').first().getAttribute('fill')) ?? '',
    };
    const hexToRgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;
    expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.body, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.link, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.chartText, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(hexToRgb(colours.bar), colours.background)).toBeGreaterThanOrEqual(3);
  });

  it('escapes every text: a footnote with markup is shown as text, and the page runs no script', async () => {
    await page.goto(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`);
    expect(await page.title()).not.toBe('owned');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('dl.definitions b').count()).toBe(0);
    expect(await page.locator('dl.definitions').textContent()).toContain(HOSTILE_FOOTNOTE);
    const source = await (await fetch(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`)).text();
    expect(source).toContain('&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
  });

  it('links to the same selection in every export format, and prints without the form', async () => {
    await page.goto(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`);
    const base = page.url();
    const links = (
      await page.locator('.downloads a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''))
    ).map((href) => new URL(href, base).toString());
    expect(links).toHaveLength(4);
    for (const link of links) {
      const response = await fetch(link);
      expect({ link, status: response.status }).toEqual({ link, status: 200 });
      if (response.headers.get('content-type') === 'application/pdf') {
        expect(await pdfText(new Uint8Array(await response.arrayBuffer()))).toContain('2026-Q1');
      } else {
        expect(await response.text()).toContain('2026-Q1');
      }
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.no-print').isVisible()).toBe(false);
    const pdf = join(screenshots, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    const screenshot = join(screenshots, 'report-print.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report page printed: ${pdf}, ${screenshot}`);
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints the report to an A4 PDF at the hub, with the text and figures of the page', async () => {
    const response = await fetch(`${hub.url}/reports/victims_sex_age?periods=2026-Q1&format=pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="victims_sex_age-release-\d+\.pdf"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdf = join(screenshots, 'report-from-hub.pdf');
    await writeFile(pdf, bytes);
    console.log(`report PDF from the hub: ${pdf}`);
    const text = await pdfText(bytes);
    await page.goto(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`);
    const title = (await page.locator('h1').textContent())?.trim() ?? '';
    expect(text).toContain(title.slice(0, 30));
    const rowHeaders = await page.locator('tbody th[scope="row"]').allTextContents();
    expect(rowHeaders.length).toBeGreaterThan(2);
    for (const header of rowHeaders) expect(text).toContain(header.replace(/\s+/g, ' ').trim());
    expect(text).toContain(HOSTILE_FOOTNOTE.slice(0, 20));
    const access = await hub.graphql<{ accessLog: { format: string | null }[] }>('{ accessLog(limit: 20) { format } }', {}, hub.adminToken);
    expect(access.data?.accessLog.map((entry) => entry.format)).toContain('pdf');
  });

  it('tags the page and its PDF, and answers If-None-Match with 304 without printing again', async () => {
    const url = `${hub.url}/reports/victims_sex_age?periods=2026-Q1`;
    const page = await fetch(url);
    const entityTag = page.headers.get('etag');
    expect(entityTag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    await page.text();
    const again = await fetch(url, { headers: { 'if-none-match': entityTag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const pdf = await fetch(`${url}&format=pdf`);
    const pdfTag = pdf.headers.get('etag');
    await pdf.arrayBuffer();
    expect(pdfTag).not.toBe(entityTag);
    const pdfAgain = await fetch(`${url}&format=pdf`, { headers: { 'if-none-match': pdfTag! } });
    expect(pdfAgain.status).toBe(304);
    expect(pdfAgain.headers.get('content-type')).toBeNull();
    // Another selection is another page, with another tag.
    const other = await fetch(`${hub.url}/reports/victims_sex_age?periods=2026`, { headers: { 'if-none-match': entityTag! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(entityTag);
  });

  it('refuses an unknown format with UNKNOWN_FORMAT', async () => {
    const response = await fetch(`${hub.url}/reports/victims_sex_age?periods=2026-Q1&format=docx`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'UNKNOWN_FORMAT', fields: ['format'] } });
  });

  it('answers 503 naming CHROMIUM_PATH when the hub cannot start its browser, and serves the HTML report still', async () => {
    await hub.close({ keepDatabase: true });
    hub = await startHub('report-page', { PROVISIONAL_QUARTERS: '1', CHROMIUM_PATH: join(screenshots, 'no-such-chromium') }, hub.scratch);
    const pdf = await fetch(`${hub.url}/reports/victims_sex_age?periods=2026-Q1&format=pdf`);
    expect(pdf.status).toBe(503);
    expect(pdf.headers.get('retry-after')).toBe('60');
    const refusal = (await pdf.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('PDF_UNAVAILABLE');
    expect(refusal.error.message).toContain('CHROMIUM_PATH');
    expect(refusal.error.message).not.toContain(screenshots);
    expect(hub.logs.some((line) => line.includes('PDF browser unavailable') && line.includes('no-such-chromium'))).toBe(true);
    expect((await fetch(`${hub.url}/reports/victims_sex_age?periods=2026-Q1`)).status).toBe(200);
  });
});

/** The text of a PDF, all pages, read with pdf.js (unpdf): no system tool. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
