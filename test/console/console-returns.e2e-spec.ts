/**
 * The rapporteur's quarter in the node console, in headless Chromium, against a real node and a real hub over HTTP:
 * sign in with a one-time link, see the quarter's figures as the hub would publish them, sign and submit, follow the
 * delivery to the hub's receipt without reloading, see what a new revision changes, switch language, sign out. Every
 * page is checked with axe-core and saved as a screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '#app/auth';
import { launchChromium } from '../support/headless-chromium.js';
import type { HubUnderTest } from '../support/hub-test-app.js';
import type { NodeTestBed, TestNode } from '../support/node-test-app.js';
import { CREATE_PERSON, personInput, registrationInput } from '../support/node-operations.js';
import {
  accessibilityProblems as axeProblems,
  screenshot,
  startConsoleFederation,
  type ConsoleFederation,
} from './support/console-federation.js';

const PERIOD = '2026-Q1';

describe('node console: a rapporteur submits a quarter in the browser', () => {
  let federation: ConsoleFederation;
  let hub: HubUnderTest;
  let bed: NodeTestBed;
  let node: TestNode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let screenshots: string;
  const consoleErrors: string[] = [];

  const signInLink = (roles: [Role, ...Role[]] = [Role.RAPPORTEUR], countries = ['AT'], ttl = '10m') =>
    federation.signInLink(roles, countries, ttl, 'rapporteur-console');
  const accessibilityProblems = () => axeProblems(page);
  const shoot = (name: string) => screenshot(page, screenshots, name);

  beforeAll(async () => {
    screenshots = await mkdtemp(join(tmpdir(), 'thb-console-'));
    federation = await startConsoleFederation('console-returns');
    ({ hub, bed, node } = federation);
    for (let index = 0; index < 14; index += 1) {
      await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({
          identity: { givenNames: `Person${index}`, familyNames: 'Testfamily', birthDate: '1990-01-01', documentNumbers: [`AT${index}`] },
          registrations: [registrationInput({ sex: index % 3 === 0 ? 'M' : 'F', registrationDate: '2026-02-10' })],
        }),
      });
    }
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it('opens with a one-time sign-in link that leaves the address bar at once, and refuses it a second time', async () => {
    const link = await signInLink();
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/console');
    expect(page.url()).not.toContain('code=');
    await expect(page.locator('h1').textContent()).resolves.toBe('National node console');
    await expect(page.locator('main h2').first().textContent()).resolves.toBe('Quarterly returns');
    // A rapporteur only: no steward's section.
    await expect(page.locator('a[href="/console/consent"]').count()).resolves.toBe(0);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'thb_console');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    // The quarter list reaches back to the node's first period at most and links each quarter.
    await expect(page.locator(`a[href="/console/returns/${PERIOD}"]`).count()).resolves.toBe(1);
    expect(await accessibilityProblems()).toEqual([]);
    await shoot('01-home');

    // The same link again, in a fresh browser: used once already.
    const other = await browser.newContext();
    const again = await other.newPage();
    const reused = await again.goto(link);
    expect(reused?.status()).toBe(401);
    await expect(again.locator('[role=alert]').textContent()).resolves.toContain('used already');
    // A long-lived API token pasted into a link is not a sign-in code; a researcher or another country's rapporteur has no console here.
    expect((await again.goto(await signInLink([Role.RAPPORTEUR], ['AT'], '2h')))?.status()).toBe(401);
    expect((await again.goto(await signInLink([Role.RESEARCHER], [])))?.status()).toBe(403);
    expect((await again.goto(await signInLink([Role.RAPPORTEUR], ['DE'])))?.status()).toBe(403);
    await again.goto(`${node.url}/console/returns/${PERIOD}`);
    expect(new URL(again.url()).pathname).toBe('/console/sign-in');
    await other.close();
  });

  it("shows the quarter's figures as the hub would publish them, with flags, a chart and no way to submit twice", async () => {
    const response = await page.goto(`${node.url}/console/returns/${PERIOD}`);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.locator('h1').textContent()).resolves.toBe(`Return for ${PERIOD}`);
    await expect(page.locator('main').textContent()).resolves.toContain('14 registrations go to the hub');
    await expect(page.locator('#changes-title + p').textContent()).resolves.toContain('Nothing has been submitted');
    const chart = page.locator('svg[role=img]');
    await expect(chart.locator('desc').textContent()).resolves.toMatch(/Female: \d+; Male: (\d+|c)/);
    await page.locator('details').first().locator('summary').click();
    await expect(page.locator('details').first().locator('tbody tr').count()).resolves.toBeGreaterThan(5);
    expect(await accessibilityProblems()).toEqual([]);
    await shoot('02-return-preview');

    // A double-click sends the form once: one revision signed.
    const button = page.locator('form.submit button[type=submit]');
    await expect(button.textContent()).resolves.toBe('Sign and submit revision 1');
    await button.dblclick();
    await page.waitForURL(/submitted=1/);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain('Revision 1 is signed and queued');
    const { returns } = await node.data<{ returns: Array<{ revision: number }> }>(
      bed.tokens.rapporteur,
      `query { returns(period: "${PERIOD}") { revision } }`,
    );
    expect(returns.map((entry) => entry.revision)).toEqual([1]);
  });

  it('follows the delivery to the hub and its verified receipt without reloading', async () => {
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await page.locator('#delivery tr[data-state="RECEIPTED"]').waitFor({ timeout: 30_000 });
    expect(navigations).toEqual([]);
    await expect(page.locator('#delivery').getAttribute('data-live')).resolves.toBe('false');
    await expect(page.locator('#delivery tbody').textContent()).resolves.toContain('receipted by the hub');
    await expect(page.locator('#delivery tbody').textContent()).resolves.toContain('ACCEPTED');
    // The hub has it.
    const status = await hub.graphql<{ submissionStatus: { countries: Array<{ country: string; revision: number | null }> } }>(
      `query { submissionStatus(period: "${PERIOD}") { countries { country revision } } }`,
      {},
      hub.adminToken,
    );
    expect(status.data?.submissionStatus.countries.find((entry) => entry.country === 'AT')?.revision).toBe(1);
    expect(await accessibilityProblems()).toEqual([]);
    await shoot('03-return-receipted');
  });

  it('shows what a new revision would change, cell by cell, before it is signed', async () => {
    for (let index = 0; index < 3; index += 1) {
      await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({
          identity: { givenNames: `Later${index}`, familyNames: 'Testfamily', birthDate: '1985-03-03', documentNumbers: [`ATL${index}`] },
          registrations: [registrationInput({ sex: 'M', registrationDate: '2026-03-01' })],
        }),
      });
    }
    await page.goto(`${node.url}/console/returns/${PERIOD}`);
    await expect(page.locator('#changes-title').textContent()).resolves.toBe('Changes since revision 1');
    const changes = page.locator('table.changes tbody tr');
    expect(await changes.count()).toBeGreaterThan(0);
    await expect(changes.first().textContent()).resolves.toContain('→');
    await expect(page.locator('form.submit button').textContent()).resolves.toBe('Sign and submit revision 2');
    expect(await accessibilityProblems()).toEqual([]);
    await shoot('04-return-changes');
  });

  it('refuses a form sent from elsewhere, or sent again, and changes nothing', async () => {
    const before = await node.rowCounts();
    const cookie = (await context.cookies()).find((entry) => entry.name === 'thb_console')!;
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${node.url}/console/returns/${PERIOD}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `thb_console=${cookie.value}`, ...headers },
        body,
      });
    const csrf = await page.locator('form.submit input[name=csrf]').getAttribute('value');
    const form = await page.locator('form.submit input[name=form]').getAttribute('value');
    expect((await post(`csrf=wrong&form=${form}`)).status).toBe(403);
    expect((await post(`csrf=${csrf}&form=${form}`, { origin: 'https://attacker.example' })).status).toBe(403);
    expect((await post(`csrf=${csrf}&form=already-used`)).status).toBe(409);
    expect(await node.rowCounts()).toEqual(before);
    // The GraphQL API never accepts the session cookie: it keeps bearer tokens.
    const graphql = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `thb_console=${cookie.value}` },
      body: JSON.stringify({ query: `query { returns { revision } }` }),
    });
    expect(JSON.stringify(await graphql.json())).toContain('UNAUTHENTICATED');
  });

  it('speaks French and German, from the browser or by choice, and every page stays accessible', async () => {
    const french = await browser.newContext({ locale: 'fr-FR', extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    await french.addCookies(await context.cookies());
    const frenchPage = await french.newPage();
    await frenchPage.goto(`${node.url}/console/returns/${PERIOD}`);
    await expect(frenchPage.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(frenchPage.locator('h1').textContent()).resolves.toBe(`Déclaration pour ${PERIOD}`);
    await french.close();

    await page.getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL(`${node.url}/console/returns/${PERIOD}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Meldung für ${PERIOD}`);
    await expect(page.locator('#delivery tbody').textContent()).resolves.toContain('vom Hub quittiert');
    expect(await accessibilityProblems()).toEqual([]);
    await shoot('05-return-german');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${node.url}/console/returns/${PERIOD}`);
  });

  it('is usable with the keyboard alone: skip link, visible focus, the submit button reachable', async () => {
    await page.goto(`${node.url}/console`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Skip to the content');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    let reached = '';
    for (let step = 0; step < 40 && !reached.startsWith(`/console/returns/${PERIOD}`); step += 1) {
      await page.keyboard.press('Tab');
      reached = String(await page.evaluate("document.activeElement?.getAttribute('href') ?? ''"));
    }
    expect(reached).toBe(`/console/returns/${PERIOD}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${node.url}/console/returns/${PERIOD}`);
    await shoot('06-keyboard');
  });

  it('signs out: the session is over, and the pages ask for a new sign-in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in\?ended=signed-out/);
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('You are signed out.');
    expect(await accessibilityProblems()).toEqual([]);
    await shoot('07-signed-out');
    await page.goto(`${node.url}/console/returns/${PERIOD}`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(consoleErrors).toEqual([]);
    // Nothing of a person in what the node logged while the console was used.
    expect(bed.logLines.join('\n')).not.toMatch(/Person\d|Later\d|Testfamily|Popescu/);
  });
});
