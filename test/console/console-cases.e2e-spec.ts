/**
 * Case entry in the node console, in headless Chromium, against a real node: a rapporteur records a new person in a
 * form whose pickers are the standard's code lists, gets the standard's messages beside the fields at fault (and the
 * form back as sent, nothing saved), then adds a registration, corrects one and corrects the identity (a reading in
 * the audit log).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '#app/auth';
import { launchChromium } from '../support/headless-chromium.js';
import { accessibilityProblems, screenshot, startConsoleFederation, type ConsoleFederation } from './support/console-federation.js';

interface PersonAnswer {
  person: {
    externalRef: string | null;
    consent: { statistics: boolean; international: boolean };
    registrations: Array<{
      id: string;
      period: string;
      legalStatus: string;
      sex: string;
      ageGroup: string;
      citizenship: string;
      exploitation: string[];
      labourSector: string | null;
    }>;
  };
}
const PERSON_QUERY = `query ($id: UUID!) { person(id: $id) { externalRef consent { statistics international }
  registrations { id period legalStatus sex ageGroup citizenship exploitation labourSector } } }`;

describe('node console: a rapporteur records and corrects cases in the browser', () => {
  let federation: ConsoleFederation;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let screenshots: string;
  let personId: string;
  const consoleErrors: string[] = [];

  const personOf = async (id: string) =>
    (await federation.node.data<PersonAnswer>(federation.bed.tokens.rapporteur, PERSON_QUERY, { id })).person;

  beforeAll(async () => {
    screenshots = await mkdtemp(join(tmpdir(), 'thb-console-cases-'));
    federation = await startConsoleFederation('console-cases');
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(await federation.signInLink([Role.RAPPORTEUR], ['AT'], '10m', 'rapporteur-cases'));
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  it('refuses a new person the standard refuses, says why beside each field, keeps the form, and saves nothing', async () => {
    await page.goto(`${federation.node.url}/console/persons`);
    await page.getByRole('link', { name: 'Record a new person' }).click();
    await page.waitForURL(/\/console\/persons\/new$/);
    // The pickers are the standard's code lists, labelled.
    const citizenship = await page.getByLabel('Citizenship').locator('option').allTextContents();
    expect(citizenship).toContain('Romania');
    expect(citizenship.slice(-2)).toEqual(['Stateless', 'Unknown']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '01-new-person');

    const before = await federation.node.rowCounts();
    await page.getByLabel('Case reference').fill('AT-F-001');
    await page.getByLabel('Given names').fill('Formgiven');
    await page.getByLabel('Date of birth').fill('2009-05-01');
    await page.getByLabel('Registration date').fill('2026-02-03');
    await page.getByLabel('Legal status').selectOption({ label: 'Identified victim' });
    await page.getByLabel('Sex', { exact: true }).selectOption({ label: 'Female' });
    await page.getByLabel('Citizenship').selectOption({ label: 'Romania' });
    // A sector without forced labour among the forms, and no cross-border code: two problems.
    await page.getByRole('group', { name: 'Form of exploitation' }).getByLabel('Sexual exploitation').check();
    await page.getByLabel('Sector of labour exploitation').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Record the person' }).click();
    await page.waitForLoadState();

    await expect(page.locator('#field-labourSector-error').textContent()).resolves.toBe(
      'A sector only goes with forced labour among the forms of exploitation.',
    );
    await expect(page.locator('#field-crossBorder-error').textContent()).resolves.toBe('Required.');
    await expect(page.locator('#field-crossBorder').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Case reference').inputValue()).resolves.toBe('AT-F-001');
    await expect(page.getByLabel('Given names').inputValue()).resolves.toBe('Formgiven');
    await expect(page.getByRole('group', { name: 'Form of exploitation' }).getByLabel('Sexual exploitation').isChecked()).resolves.toBe(
      true,
    );
    expect(await federation.node.rowCounts()).toEqual(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '02-new-person-refused');
  });

  it('records the person once the fields are put right, with the age group derived from the birth date', async () => {
    await page.getByRole('group', { name: 'Form of exploitation' }).getByLabel('Forced labour or services').check();
    await page.getByLabel('Cross-border trafficking').selectOption({ label: 'Across a border' });
    await page.getByLabel('Registering organisation').selectOption({ label: 'Police' });
    await page.getByLabel('Consent to transmission to the hub', { exact: false }).check();
    await page.getByRole('button', { name: 'Record the person' }).click();
    await page.waitForURL(/\/console\/persons\/[0-9a-f-]{36}\?saved=person$/);
    personId = /persons\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    await expect(page.locator('[role=status]').first().textContent()).resolves.toBe('Person recorded.');
    const person = await personOf(personId);
    expect(person).toMatchObject({ externalRef: 'AT-F-001', consent: { statistics: true, international: true } });
    expect(person.registrations).toEqual([
      expect.objectContaining({ period: '2026-Q1', sex: 'F', ageGroup: 'Y12-17', citizenship: 'RO', exploitation: ['SEXUAL', 'LABOUR'] }),
    ]);
    // The person's page shows no identity until asked.
    await expect(page.locator('main').textContent()).resolves.not.toContain('Formgiven');
  });

  it('adds a registration and corrects one, refusing a duplicate beside nothing but the form', async () => {
    await page.getByRole('link', { name: 'Add a registration' }).click();
    await page.waitForURL(/registrations\/new$/);
    await page.getByLabel('Registration date').fill('2026-02-20');
    await page.getByLabel('Legal status').selectOption({ label: 'Identified victim' });
    await page.getByLabel('Sex', { exact: true }).selectOption({ label: 'Female' });
    await page.getByLabel('Citizenship').selectOption({ label: 'Romania' });
    await page.getByRole('group', { name: 'Form of exploitation' }).getByLabel('Sexual exploitation').check();
    await page.getByLabel('Cross-border trafficking').selectOption({ label: 'Across a border' });
    await page.getByLabel('Registering organisation').selectOption({ label: 'Police' });
    await page.getByRole('button', { name: 'Save the registration' }).click();
    await page.waitForLoadState();
    // Same period and legal status as the first: a problem of the whole registration, said above the form.
    await expect(page.locator('[role=alert]').first().textContent()).resolves.toBe(
      'This person already has a registration with this period and legal status.',
    );
    await page.getByLabel('Legal status').selectOption({ label: 'Presumed victim' });
    await page.getByRole('button', { name: 'Save the registration' }).click();
    await page.waitForURL(/saved=registration$/);
    expect((await personOf(personId)).registrations).toHaveLength(2);

    const [first] = (await personOf(personId)).registrations;
    await page.locator(`a[href$="/registrations/${first?.id}"]`).click();
    await page.waitForURL(new RegExp(`registrations/${first?.id}$`));
    // The form holds the registration as stored.
    await expect(page.getByLabel('Citizenship').inputValue()).resolves.toBe('RO');
    await expect(
      page.getByRole('group', { name: 'Form of exploitation' }).getByLabel('Forced labour or services').isChecked(),
    ).resolves.toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '03-correct-registration');
    await page.getByLabel('Citizenship').selectOption({ label: 'Bulgaria' });
    await page.getByLabel('Sector of labour exploitation').selectOption({ label: 'Agriculture, forestry and fishing' });
    await page.getByRole('button', { name: 'Save the registration' }).click();
    await page.waitForURL(/saved=registration$/);
    const corrected = (await personOf(personId)).registrations.find((registration) => registration.id === first?.id);
    expect(corrected).toMatchObject({ citizenship: 'BG', labourSector: 'A' });
  });

  it('corrects the identity from a form that is itself a logged reading, re-deriving the age groups', async () => {
    await page.getByRole('button', { name: 'Show identity' }).click();
    await page.getByRole('link', { name: 'Correct the identity' }).click();
    await page.waitForURL(/\/identity$/);
    await expect(page.getByLabel('Given names').inputValue()).resolves.toBe('Formgiven');
    await page.getByLabel('Date of birth').fill('1990-05-01');
    await page.getByLabel('Document numbers').fill('ATX1\nATX2');
    await page.getByRole('button', { name: 'Save the identity' }).click();
    await page.waitForURL(/saved=identity$/);
    const person = await personOf(personId);
    expect(person.registrations.map((registration) => registration.ageGroup)).toEqual(['Y35-44', 'Y35-44']);
    const { identityAccesses } = await federation.node.data<{ identityAccesses: Array<{ channel: string }> }>(
      federation.bed.tokens.rapporteur,
      `query ($personId: UUID!) { identityAccesses(personId: $personId) { channel } }`,
      { personId },
    );
    // Shown once, then read again to fill the form.
    expect(identityAccesses.map((access) => access.channel)).toEqual(['CONSOLE', 'CONSOLE']);
    const { personIdentity } = await federation.node.data<{ personIdentity: { documentNumbers: string[] } }>(
      federation.bed.tokens.rapporteur,
      `query ($personId: UUID!) { personIdentity(personId: $personId) { documentNumbers } }`,
      { personId },
    );
    expect(personIdentity.documentNumbers).toEqual(['ATX1', 'ATX2']);
    await screenshot(page, screenshots, '04-identity-corrected');
  });

  it('keeps stewards out of the case forms and refuses a form sent twice', async () => {
    const steward = await browser.newContext();
    const stewardPage = await steward.newPage();
    await stewardPage.goto(await federation.signInLink([Role.STEWARD], ['AT'], '10m', 'steward-cases'));
    const refused = await stewardPage.goto(`${federation.node.url}/console/persons/new`);
    expect(refused?.status()).toBe(403);
    await steward.close();

    await page.goto(`${federation.node.url}/console/persons/new`);
    const token = await page.locator('main input[name=form]').inputValue();
    const csrf = await page.locator('main input[name=csrf]').inputValue();
    const form = {
      csrf,
      form: token,
      externalRef: 'AT-F-002',
      'consent.statistics': 'true',
      registrationYear: '2025',
      legalStatus: 'PRESUMED_VICTIM',
      sex: 'M',
      citizenship: 'AT',
      exploitation: 'LABOUR',
      crossBorder: 'DOMESTIC',
      registeringOrganisation: 'POLICE',
    };
    const headers = { origin: federation.node.url };
    const once = await page.request.post(`${federation.node.url}/console/persons/new`, { form, headers, maxRedirects: 0 });
    expect(once.status()).toBe(303);
    const twice = await page.request.post(`${federation.node.url}/console/persons/new`, { form, headers, maxRedirects: 0 });
    expect(twice.status()).toBe(409);
    const { persons } = await federation.node.data<{ persons: { totalCount: number } }>(
      federation.bed.tokens.rapporteur,
      `query { persons(externalRef: "AT-F-002") { totalCount } }`,
    );
    expect(persons.totalCount).toBe(1);
    // The refusals above are pages with 400, 403 and 409 statuses, which the browser notes; nothing else went wrong.
    expect(consoleErrors.filter((error) => !/status of (400|403|409)/.test(error))).toEqual([]);
    expect(federation.bed.logLines.join('\n')).not.toMatch(/Formgiven|ATX\d|AT-F-00\d/);
  });
});
