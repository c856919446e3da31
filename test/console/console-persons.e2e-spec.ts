/**
 * Finding persons in the node console, in headless Chromium, against a real node: the list filtered, sorted and paged
 * by the server; one person's record with every case field labelled from the standard's code lists; the identity
 * shown only on an explicit action that lands in the audit log (on the page and over GraphQL); the steward's consent
 * form with the standard's messages beside the offending field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '#app/auth';
import { launchChromium } from '../support/headless-chromium.js';
import { CREATE_PERSON, personInput, registrationInput } from '../support/node-operations.js';
import { accessibilityProblems, screenshot, startConsoleFederation, type ConsoleFederation } from './support/console-federation.js';

const PERSONS = 80;
const referenceOf = (index: number) => `AT-P-${String(index).padStart(3, '0')}`;

/** The persons of the suite, by index: every third a man, every fourth exploited for labour, every fifth registered in 2025-Q4. */
const isMale = (index: number) => index % 3 === 0;
const isLabour = (index: number) => index % 4 === 0;
const isIn2025 = (index: number) => index % 5 === 0;
const consentOf = (index: number) =>
  index % 10 === 1
    ? { statistics: true, international: false, givenOn: '2026-01-05' }
    : index % 10 === 2
      ? { statistics: false, international: false }
      : { statistics: true, international: true, givenOn: '2026-01-05' };
const indexes = Array.from({ length: PERSONS }, (_, index) => index);

describe('node console: finding persons and reading an identity in the browser', () => {
  let federation: ConsoleFederation;
  let browser: Browser;
  let rapporteur: BrowserContext;
  let page: Page;
  let screenshots: string;
  const personIds = new Map<string, string>();
  const consoleErrors: string[] = [];

  const signedIn = async (context: BrowserContext, roles: [Role, ...Role[]], subject: string): Promise<Page> => {
    const opened = await context.newPage();
    opened.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await opened.goto(await federation.signInLink(roles, ['AT'], '10m', subject));
    return opened;
  };
  const caption = (on: Page) => on.locator('table.persons caption').textContent();
  const listedReferences = (on: Page) => on.locator('table.persons tbody th').allTextContents();

  beforeAll(async () => {
    screenshots = await mkdtemp(join(tmpdir(), 'thb-console-persons-'));
    federation = await startConsoleFederation('console-persons');
    const { node, bed } = federation;
    for (const index of indexes) {
      const created = await node.data<{ createPerson: { id: string } }>(bed.tokens.rapporteur, CREATE_PERSON, {
        input: personInput({
          externalRef: referenceOf(index),
          identity: { givenNames: `Given${index}`, familyNames: 'Testfamily', birthDate: '1990-03-03', documentNumbers: [`ATD${index}`] },
          consent: consentOf(index),
          registrations: [
            registrationInput({
              registrationDate: isIn2025(index) ? '2025-11-05' : '2026-02-12',
              sex: isMale(index) ? 'M' : 'F',
              exploitation: isLabour(index) ? ['LABOUR'] : ['SEXUAL'],
            }),
          ],
        }),
      });
      personIds.set(referenceOf(index), created.createPerson.id);
    }
    browser = await launchChromium();
    rapporteur = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await signedIn(rapporteur, [Role.RAPPORTEUR], 'rapporteur-console');
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it('lists persons a page at a time, in the order asked, with no identity on the page', async () => {
    await page.getByRole('link', { name: 'Open the list of persons' }).click();
    await page.waitForURL(/\/console\/persons$/);
    await expect(caption(page)).resolves.toBe(`Persons 1 to 50 of ${PERSONS}`);
    expect(await listedReferences(page)).toEqual(indexes.slice(0, 50).map(referenceOf));
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/Given\d|Testfamily|1990-03-03|ATD\d/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '01-persons');

    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/page=2/);
    await expect(caption(page)).resolves.toBe(`Persons 51 to ${PERSONS} of ${PERSONS}`);
    expect(await listedReferences(page)).toEqual(indexes.slice(50).map(referenceOf));

    await page.goto(`${federation.node.url}/console/persons?sort=NEWEST_FIRST`);
    expect((await listedReferences(page))[0]).toBe(referenceOf(PERSONS - 1));
  });

  it('filters on one registration by the standard’s codes, a year finding its quarters, and keeps the filters across pages', async () => {
    await page.goto(`${federation.node.url}/console/persons`);
    await page.getByLabel('Sex').selectOption({ label: 'Male' });
    await page.getByLabel('Form of exploitation').selectOption({ label: 'Forced labour or services' });
    await page.getByRole('button', { name: 'Show persons' }).click();
    await page.waitForURL(/sex=M/);
    const menForLabour = indexes.filter((index) => isMale(index) && isLabour(index));
    expect(await listedReferences(page)).toEqual(menForLabour.map(referenceOf));
    // The page says what it filtered on: the controls keep their choice.
    await expect(page.getByLabel('Sex').inputValue()).resolves.toBe('M');

    await page.getByLabel('Quarter or year').fill('2025');
    await page.getByRole('button', { name: 'Show persons' }).click();
    await page.waitForURL(/period=2025/);
    expect(await listedReferences(page)).toEqual(menForLabour.filter(isIn2025).map(referenceOf));

    await page.goto(`${federation.node.url}/console/persons?consent=STATISTICS_ONLY`);
    expect(await listedReferences(page)).toEqual(indexes.filter((index) => index % 10 === 1).map(referenceOf));

    await page.goto(`${federation.node.url}/console/persons?period=2026&sort=REFERENCE`);
    const in2026 = indexes.filter((index) => !isIn2025(index));
    expect(in2026.length).toBeGreaterThan(50);
    await expect(caption(page)).resolves.toBe(`Persons 1 to 50 of ${in2026.length}`);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/page=2/);
    expect(page.url()).toMatch(/period=2026/);
    expect(await listedReferences(page)).toEqual(in2026.slice(50).map(referenceOf));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('says beside the field what is wrong with a filter, and finds nobody rather than everybody', async () => {
    const response = await page.goto(`${federation.node.url}/console/persons?period=soon&sex=F`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('#filter-period-error').textContent()).resolves.toBe('Write a quarter like 2026-Q1 or a year like 2026.');
    await expect(page.locator('#filter-period').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#filter-period').getAttribute('aria-describedby')).resolves.toContain('filter-period-error');
    await expect(page.locator('table.persons').count()).resolves.toBe(0);

    const unknown = await page.goto(`${federation.node.url}/console/persons?sex=Q`);
    expect(unknown?.status()).toBe(400);
    await expect(page.locator('#filter-sex-error').textContent()).resolves.toContain('Not a code of the standard’s list');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '02-filter-refused');
  });

  it('shows an identity only when asked, writes the reading to the audit log first, and forgets it on the next page', async () => {
    const personId = personIds.get(referenceOf(7)) as string;
    await page.goto(`${federation.node.url}/console/persons?sort=REFERENCE`);
    await page.getByRole('link', { name: referenceOf(7), exact: true }).click();
    await page.waitForURL(new RegExp(`/console/persons/${personId}$`));
    await expect(page.locator('h1').textContent()).resolves.toBe(`Case ${referenceOf(7)}`);
    const main = page.locator('main');
    await expect(main.textContent()).resolves.not.toMatch(/Given7|Testfamily|ATD7/);
    await expect(main.textContent()).resolves.toContain('Identified victim');
    await expect(main.textContent()).resolves.toContain('Sexual exploitation');
    await expect(main.textContent()).resolves.toContain('Nobody has read this identity.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '03-person');

    await page.getByRole('button', { name: 'Show identity' }).click();
    await page.locator('dl.identity').waitFor();
    await expect(page.locator('dl.identity').textContent()).resolves.toMatch(/Given7.*Testfamily.*1990-03-03.*ATD7/s);
    const logged = await page.locator('main table').last().locator('tbody tr').allTextContents();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('rapporteur-console');
    expect(logged[0]).toContain('the console');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '04-identity-shown');

    const { identityAccesses } = await federation.node.data<{ identityAccesses: Array<{ subject: string; channel: string }> }>(
      federation.bed.tokens.rapporteur,
      `query ($personId: UUID!) { identityAccesses(personId: $personId) { subject channel accessedAt } }`,
      { personId },
    );
    expect(identityAccesses).toEqual([expect.objectContaining({ subject: 'rapporteur-console', channel: 'CONSOLE' })]);

    // The identity was on that response only: opening the record again shows it hidden, and the reading logged.
    await page.goto(`${federation.node.url}/console/persons/${personId}`);
    await expect(main.textContent()).resolves.not.toMatch(/Given7|Testfamily|ATD7/);
    await expect(page.locator('main table').last().locator('tbody tr').count()).resolves.toBe(1);
    // A showing without the page's CSRF token (another site's form) is refused, and logs nothing.
    const forged = await page.request.post(`${federation.node.url}/console/persons/${personId}/identity/show`, {
      form: { csrf: 'forged' },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).not.toMatch(/Given7|Testfamily/);
    const again = await federation.node.data<{ identityAccesses: unknown[] }>(
      federation.bed.tokens.rapporteur,
      `query ($personId: UUID!) { identityAccesses(personId: $personId) { subject } }`,
      { personId },
    );
    expect(again.identityAccesses).toHaveLength(1);
    expect(federation.bed.logLines.join('\n')).not.toMatch(/Given\d|Testfamily|ATD\d|AT-P-\d/);
  });

  it('is usable with the keyboard alone: a filter chosen, a person opened, the identity shown', async () => {
    await page.goto(`${federation.node.url}/console/persons`);
    const tabTo = async (matches: string) => {
      for (let step = 0; step < 200; step += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(matches)) return;
      }
      throw new Error(`the keyboard never reached ${matches}`);
    };
    await tabTo("document.activeElement?.id === 'filter-sex'");
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    // The first choice after "Any" is the first code of the list.
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#filter-sex').inputValue()).resolves.toBe('F');
    await tabTo(
      "document.activeElement?.tagName === 'BUTTON' && document.activeElement.type === 'submit' && document.activeElement.closest('form.filters') !== null",
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/sex=F/);
    await tabTo("/^\\/console\\/persons\\/[0-9a-f-]{36}$/.test(document.activeElement?.getAttribute('href') ?? '')");
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/persons\/[0-9a-f-]{36}$/);
    await tabTo("document.activeElement?.textContent === 'Show identity'");
    await page.keyboard.press('Enter');
    await page.locator('dl.identity').waitFor();
    await expect(page.locator('dl.identity').textContent()).resolves.toContain('Testfamily');
    await screenshot(page, screenshots, '05-keyboard');
  });

  it('lets a steward record consent, with the standard’s message beside the field, but not read an identity', async () => {
    const steward = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const stewardPage = await signedIn(steward, [Role.STEWARD], 'steward-console');
    const personId = personIds.get(referenceOf(11)) as string;
    await stewardPage.goto(`${federation.node.url}/console/persons/${personId}`);
    await expect(stewardPage.locator('h1').textContent()).resolves.toBe(`Dossier ${referenceOf(11)}`);
    await expect(stewardPage.locator('main').textContent()).resolves.toContain('Victime identifiée');
    await expect(stewardPage.getByRole('button', { name: 'Afficher l’identité' }).count()).resolves.toBe(0);
    const refused = await stewardPage.request.post(`${federation.node.url}/console/persons/${personId}/identity/show`, {
      form: { csrf: 'any' },
    });
    expect(refused.status()).toBe(403);

    await stewardPage.getByLabel('Consentement à la transmission au hub', { exact: false }).check();
    await stewardPage.getByLabel('Donné le').fill('2099-01-01');
    await stewardPage.getByRole('button', { name: 'Enregistrer ce consentement' }).click();
    await stewardPage.waitForLoadState();
    await expect(stewardPage.locator('#consent-given-on-error').textContent()).resolves.toContain('Hors limites');
    await expect(stewardPage.locator('#consent-given-on').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await accessibilityProblems(stewardPage)).toEqual([]);
    await screenshot(stewardPage, screenshots, '06-consent-refused-fr');

    // The form comes back as it was sent, for the one field to be put right.
    await expect(stewardPage.getByLabel('Consentement à la transmission au hub', { exact: false }).isChecked()).resolves.toBe(true);
    await expect(stewardPage.getByLabel('Donné le').inputValue()).resolves.toBe('2099-01-01');
    await stewardPage.getByLabel('Donné le').fill('2026-03-01');
    await stewardPage.getByRole('button', { name: 'Enregistrer ce consentement' }).click();
    await stewardPage.waitForURL(/saved=consent/);
    await expect(stewardPage.locator('[role=status]').first().textContent()).resolves.toBe('Consentement enregistré.');
    await expect(stewardPage.locator('dl.facts').textContent()).resolves.toContain('2026-03-01');
    const { person } = await federation.node.data<{ person: { consent: { international: boolean } } }>(
      federation.bed.tokens.steward,
      `query ($id: UUID!) { person(id: $id) { consent { international } } }`,
      { id: personId },
    );
    expect(person.consent.international).toBe(true);
    await screenshot(stewardPage, screenshots, '07-consent-recorded-fr');
    await steward.close();
    // The refusals above are pages with 400 and 403 statuses, which the browser notes; nothing else went wrong.
    expect(consoleErrors.filter((error) => !/status of (400|403)/.test(error))).toEqual([]);
  });
});
