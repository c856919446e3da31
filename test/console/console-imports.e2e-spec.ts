/**
 * Importing a cases file in the node console while the node runs, in headless Chromium, against a real node: the
 * upload, the page following the import's progress without a reload, the standard's report on screen (rejected rows
 * with row, column and reason; values mapped to a code) and as CSV; a refused file stores nothing; a second import
 * while one runs is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '#app/auth';
import { TEMPLATE_HEADER, csvLine, syntheticCases } from '../../scripts/synthetic/synthetic-cases.js';
import { launchChromium } from '../support/headless-chromium.js';
import { accessibilityProblems, screenshot, startConsoleFederation, type ConsoleFederation } from './support/console-federation.js';

const ROWS = 8_000;

describe('node console: a rapporteur imports a cases file while the node runs', () => {
  let federation: ConsoleFederation;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let screenshots: string;
  let goodFile: string;
  let badFile: string;
  const consoleErrors: string[] = [];

  const upload = async (file: string, options: { strict?: boolean } = {}) => {
    await page.goto(`${federation.node.url}/console/imports`);
    await page.getByLabel('CSV file').setInputFiles(file);
    if (options.strict === true) await page.getByLabel('Import nothing if any row is rejected').check();
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForURL(/\/console\/imports\/[0-9a-f-]{36}$/);
  };
  const finished = () => page.locator('#import-job[data-live="false"]').waitFor({ timeout: 120_000 });

  beforeAll(async () => {
    screenshots = await mkdtemp(join(tmpdir(), 'thb-console-imports-'));
    federation = await startConsoleFederation('console-imports');
    const rows = [...syntheticCases({ country: 'AT', count: ROWS, firstPeriod: '2025-Q1', lastPeriod: '2026-Q1', seed: 7 })].map((row) => ({
      ...row,
    }));
    // Two rows the standard refuses: an unknown sex code (data row 11), a registration date in the wrong form (row 21).
    rows[10]!['sex'] = 'Q';
    rows[20]!['registrationDate'] = '15/01/2026';
    const lines = rows.map((row) => csvLine(TEMPLATE_HEADER.map((column) => row[column] as string)));
    goodFile = join(federation.bed.workDir, 'cases.csv');
    await writeFile(goodFile, csvLine(TEMPLATE_HEADER) + lines.join(''));
    badFile = join(federation.bed.workDir, 'semicolons.csv');
    await writeFile(badFile, (csvLine(TEMPLATE_HEADER) + lines.slice(0, 5).join('')).replaceAll(',', ';'));
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(await federation.signInLink([Role.RAPPORTEUR], ['AT'], '10m', 'rapporteur-imports'));
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it('offers the upload from the home page, accessible', async () => {
    await page.getByRole('link', { name: 'Import a cases file' }).click();
    await page.waitForURL(/\/console\/imports$/);
    await expect(page.locator('main').textContent()).resolves.toContain('No import since the node started.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '01-imports');
  });

  it('imports the file in the background, follows it on the page without a reload, then shows the report', async () => {
    await upload(goodFile);
    // The page opens on the running import (the upload returns at once), with a progress bar and its figures.
    await expect(page.locator('#import-job').getAttribute('data-live')).resolves.toBe('true');
    // Meanwhile, on PostgreSQL the other pages are served as always; the embedded database is one session, held by
    // the import's transaction, so a page that reads the data says so at once instead of waiting for the import.
    const meanwhile = await page.request.get(`${federation.node.url}/console/persons`);
    if (process.env.DATABASE_URL) expect(meanwhile.status()).toBe(200);
    else {
      expect(meanwhile.status()).toBe(503);
      expect(await meanwhile.text()).toContain('it is importing a file now');
    }
    await expect(page.locator('#import-job .progress-figures').textContent()).resolves.toContain(
      `of about ${ROWS.toLocaleString('en-GB')} rows read`,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '02-import-running');
    // The page is the same document from upload to report: the script swapped the progress in.
    await page.evaluate('window.sameDocument = true');
    await finished();
    await expect(page.evaluate('window.sameDocument')).resolves.toBe(true);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toBe('Imported: every accepted row is stored.');
    const facts = await page.locator('#import-job dl.facts').first().textContent();
    expect(facts).toContain(`Rows read${ROWS.toLocaleString('en-GB')}`);
    expect(facts).toContain(`Accepted${(ROWS - 2).toLocaleString('en-GB')}`);
    expect(facts).toContain('Rejected2');
    const rejections = await page.locator('table.rejections tbody tr').allTextContents();
    expect(rejections).toHaveLength(2);
    expect(rejections[0]).toMatch(/^11\s*12\s*sex/);
    expect(rejections[0]).toContain('Not a code of the standard’s list for this column.');
    expect(rejections[1]).toMatch(/^21\s*22\s*registrationDate/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '03-import-report');

    const { persons } = await federation.node.data<{ persons: { totalCount: number } }>(
      federation.bed.tokens.rapporteur,
      `query { persons(first: 1) { totalCount } }`,
    );
    expect(persons.totalCount).toBeGreaterThan(0);
    // The uploaded file is gone from the node's data folder once imported.
    await expect(readdir(join(federation.bed.scratch.dataDir, 'uploads')).catch(() => [])).resolves.toEqual([]);

    const download = await page.request.get(
      `${federation.node.url}${await page.getByRole('link', { name: 'Download the report (CSV)' }).getAttribute('href')}`,
    );
    expect(download.headers()['content-type']).toContain('text/csv');
    const csv = (await download.text()).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe('kind,row,line,column,code,message,source_value,mapped_to,count');
    expect(csv).toContain('rejection,11,12,sex,UNKNOWN_CODE');
    expect(csv).toContain(`accepted,,,,,,,,${ROWS - 2}`);
  });

  it('imports the same file again without duplicating anyone', async () => {
    const before = await federation.node.rowCounts();
    await upload(goodFile);
    await finished();
    await expect(page.locator('#import-job').textContent()).resolves.toMatch(/Persons created\s*0/);
    expect(await federation.node.rowCounts()).toEqual(before);
  });

  it('stores nothing from a file it cannot read, and says why', async () => {
    const before = await federation.node.rowCounts();
    await upload(badFile);
    await finished();
    await expect(page.locator('[role=alert]').first().textContent()).resolves.toContain('Nothing was imported.');
    await expect(page.locator('#import-job p.error:not([role])').textContent()).resolves.toMatch(/cannot be read/);
    expect(await federation.node.rowCounts()).toEqual(before);
    await screenshot(page, screenshots, '04-import-refused');
  });

  it('refuses a form without a file, one sent from elsewhere, and a second import while one runs', async () => {
    await page.goto(`${federation.node.url}/console/imports`);
    const csrf = await page.locator('main input[name=csrf]').inputValue();
    const formToken = await page.locator('main input[name=form]').inputValue();
    const headers = { origin: federation.node.url };
    const empty = await page.request.post(`${federation.node.url}/console/imports`, {
      multipart: { csrf, form: formToken, format: 'template' },
      headers,
    });
    expect(empty.status()).toBe(400);
    expect(await empty.text()).toContain('Choose a CSV file to import.');
    const forged = await page.request.post(`${federation.node.url}/console/imports`, {
      multipart: {
        csrf: 'forged',
        form: 'forged',
        format: 'template',
        file: { name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from('x') },
      },
      headers,
    });
    expect(forged.status()).toBe(403);

    // Two uploads at once: one runs, the other is told to wait.
    await page.goto(`${federation.node.url}/console/imports`);
    const tokens = [await page.locator('main input[name=form]').inputValue()];
    await page.goto(`${federation.node.url}/console/imports`);
    tokens.push(await page.locator('main input[name=form]').inputValue());
    const file = { name: 'cases.csv', mimeType: 'text/csv', buffer: await import('node:fs/promises').then((fs) => fs.readFile(goodFile)) };
    const answers = await Promise.all(
      tokens.map((token) =>
        page.request.post(`${federation.node.url}/console/imports`, {
          multipart: { csrf, form: token, format: 'template', file },
          headers,
          maxRedirects: 0,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status()).sort()).toEqual([303, 409]);
    const refused = answers.find((answer) => answer.status() === 409);
    expect(await refused?.text()).toContain('Another import is running at this node');
    await page.goto(`${federation.node.url}${answers.find((answer) => answer.status() === 303)?.headers()['location'] ?? ''}`);
    await finished();
    // The refusals above are pages with 400, 403 and 409 statuses, which the browser notes; nothing else went wrong.
    expect(consoleErrors.filter((error) => !/status of (400|403|409|503)/.test(error))).toEqual([]);
    expect(federation.bed.logLines.join('\n')).not.toMatch(/cases\.csv|semicolons\.csv/);
  });
});
