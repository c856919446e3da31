/**
 * The steward's revocation in the node console, in headless Chromium, against a real node and a real hub: find the
 * person by case reference, read what will happen, confirm, and follow the signed notice to the hub's receipt,
 * verified with the hub's key; a second revocation of the same person (a colleague at the same moment) changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '#app/auth';
import { launchChromium } from '../support/headless-chromium.js';
import { CREATE_PERSON, personInput, registrationInput, SUBMIT_RETURN } from '../support/node-operations.js';
import { accessibilityProblems, screenshot, startConsoleFederation, type ConsoleFederation } from './support/console-federation.js';

const PERIOD = '2026-Q1';

describe('node console: a steward revokes consent in the browser', () => {
  let federation: ConsoleFederation;
  let browser: Browser;
  let steward: BrowserContext;
  let page: Page;
  let screenshots: string;
  const consoleErrors: string[] = [];

  const signIn = async (context: BrowserContext, subject: string): Promise<Page> => {
    const opened = await context.newPage();
    opened.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await opened.goto(await federation.signInLink([Role.STEWARD], ['AT'], '10m', subject));
    return opened;
  };
  const findPerson = async (on: Page, reference: string) => {
    await on.goto(`${federation.node.url}/console/consent`);
    await on.getByLabel('Case reference').fill(reference);
    await on.getByRole('button', { name: 'Find the person' }).click();
    await on.waitForLoadState();
  };

  beforeAll(async () => {
    screenshots = await mkdtemp(join(tmpdir(), 'thb-console-consent-'));
    federation = await startConsoleFederation('console-consent');
    const { node, bed } = federation;
    for (let index = 0; index < 8; index += 1) {
      await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({
          externalRef: `AT-2026-${100 + index}`,
          identity: { givenNames: `Person${index}`, familyNames: 'Testfamily', birthDate: '1992-04-04', documentNumbers: [`ATC${index}`] },
          registrations: [registrationInput({ registrationDate: '2026-02-12' })],
        }),
      });
    }
    // The hub holds the quarter, so a revocation has records to erase there.
    await node.data(bed.tokens.rapporteur, SUBMIT_RETURN, { period: PERIOD });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { returns } = await node.data<{ returns: Array<{ state: string }> }>(bed.tokens.rapporteur, `query { returns { state } }`);
      if (returns[0]?.state === 'RECEIPTED') break;
      await new Promise((done) => setTimeout(done, 100));
    }
    browser = await launchChromium();
    steward = await browser.newContext({ locale: 'en-GB', viewport: { width: 1200, height: 900 } });
    page = await signIn(steward, 'steward-console');
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it('gives a steward the consent section only, and keeps a rapporteur out of it', async () => {
    expect(new URL(page.url()).pathname).toBe('/console');
    await expect(page.locator('a[href="/console/consent"]').count()).resolves.toBe(1);
    await expect(page.locator('a[href^="/console/returns/"]').count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '01-steward-home');

    const rapporteur = await browser.newContext();
    const rapporteurPage = await rapporteur.newPage();
    await rapporteurPage.goto(await federation.signInLink([Role.RAPPORTEUR]));
    const refused = await rapporteurPage.goto(`${federation.node.url}/console/consent`);
    expect(refused?.status()).toBe(403);
    await rapporteur.close();
  });

  it('finds nobody for an unknown reference, and changes nothing', async () => {
    const before = await federation.node.rowCounts();
    await findPerson(page, 'AT-1999-000');
    await expect(page.locator('[role=alert]').textContent()).resolves.toBe('No person has the case reference AT-1999-000.');
    expect(await federation.node.rowCounts()).toEqual(before);
    // The reference was posted, not put in the address.
    expect(page.url()).not.toContain('AT-1999');
  });

  it('says what will happen before anything does, then revokes and follows the notice to the verified receipt', async () => {
    const before = await federation.node.rowCounts();
    await findPerson(page, 'AT-2026-102');
    await expect(page.locator('h1').textContent()).resolves.toBe('Revoke the consent of case AT-2026-102?');
    const consequences = await page.locator('ul.consequences li').allTextContents();
    expect(consequences).toHaveLength(3);
    expect(consequences.join(' ')).toMatch(/erases every record.*left out of each period.*identity key is destroyed/s);
    // No identity on the page: the reference and counts only.
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/Person2|Testfamily|1992-04-04|ATC2/);
    expect(await federation.node.rowCounts()).toEqual(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '02-confirm-revocation');

    await page.getByRole('button', { name: 'Revoke consent for good' }).click();
    await page.waitForURL(/\/console\/consent\?revoked=/);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain('Consent revoked');
    await page.locator('#delivery tr[data-state="RECEIPTED"]').waitFor({ timeout: 30_000 });
    const row = await page.locator('#delivery tbody tr').first().textContent();
    expect(row).toContain('receipt verified with the hub’s key');
    expect(row).toContain('Erased from the hub when this receipt was issued');
    await expect(page.locator('#delivery tbody tr td.number').first().textContent()).resolves.toBe('1');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '03-revocation-receipted');

    await findPerson(page, 'AT-2026-102');
    await expect(page.locator('[role=alert]').textContent()).resolves.toMatch(/revoked already, on \d{4}-\d{2}-\d{2}/);
  });

  it('lets two stewards confirm the same revocation at once: one revokes, the other is told, nothing twice', async () => {
    const colleague = await browser.newContext({ locale: 'de-DE' });
    const colleaguePage = await signIn(colleague, 'steward-colleague');
    await findPerson(page, 'AT-2026-105');
    await colleaguePage.goto(`${federation.node.url}/console/consent`);
    await colleaguePage.getByLabel('Aktenzeichen').fill('AT-2026-105');
    await colleaguePage.getByRole('button', { name: 'Person finden' }).click();
    await colleaguePage.waitForLoadState();
    const [mine, theirs] = await Promise.all([
      page.waitForNavigation().then(() => page.url()),
      colleaguePage.waitForNavigation().then(() => colleaguePage.url()),
      page.getByRole('button', { name: 'Revoke consent for good' }).click(),
      colleaguePage.getByRole('button', { name: 'Einwilligung endgültig widerrufen' }).click(),
    ]);
    const outcomes = [mine, theirs].map((url) => (url.includes('revoked=') ? 'revoked' : 'refused')).sort();
    expect(outcomes).toEqual(['refused', 'revoked']);
    const refusedPage = mine.includes('revoked=') ? colleaguePage : page;
    await expect(refusedPage.locator('[role=alert]').textContent()).resolves.toMatch(/already|bereits/);
    const { revocations } = await federation.node.data<{ revocations: Array<{ id: string }> }>(
      federation.bed.tokens.steward,
      `query { revocations { id } }`,
    );
    expect(revocations).toHaveLength(2);
    await screenshot(refusedPage, screenshots, '04-revocation-raced');
    await colleague.close();
    // The refusals above are pages with 404 and 409 statuses, which the browser notes; nothing else went wrong.
    expect(consoleErrors.filter((error) => !/status of (404|409)/.test(error))).toEqual([]);
    expect(federation.bed.logLines.join('\n')).not.toMatch(/Person\d|Testfamily|ATC\d|AT-2026-1\d\d/);
  });
});
