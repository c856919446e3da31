/**
 * Signing in to the node console through an identity provider (OpenID Connect authorization code flow with PKCE), in
 * headless Chromium, against a real node configured as in production (AUTH_ISSUER, its JWKS, a client id) and an
 * OpenID provider over real HTTP signing real tokens: the happy path, then every way the callback can be abused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SIGN_IN_STATE_COOKIE } from '../../apps/node/src/console/console-http.js';
import { SESSION_COOKIE } from '../../apps/node/src/console/console-sessions.service.js';
import { launchChromium } from '../support/headless-chromium.js';
import { NodeTestBed, type TestNode } from '../support/node-test-app.js';
import { TestIdentityProvider } from '../support/test-identity-provider.js';
import { accessibilityProblems, screenshot } from './support/console-federation.js';

const CLIENT_ID = 'thb-node-console';

describe('node console: signing in through the identity provider', () => {
  let provider: TestIdentityProvider;
  let bed: NodeTestBed;
  let node: TestNode;
  let browser: Browser;
  let screenshots: string;

  const freshPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 800 } });
    return { context, page: await context.newPage() };
  };
  const startAtProvider = async (page: Page) => {
    await page.goto(`${node.url}/console/sign-in`);
    await page.getByRole('link', { name: 'Sign in with your organisation’s account' }).click();
    await page.waitForURL(new RegExp(`^${provider.issuer}/authorize`));
  };

  beforeAll(async () => {
    screenshots = await mkdtemp(join(tmpdir(), 'thb-console-oidc-'));
    provider = await TestIdentityProvider.start(CLIENT_ID, [
      { subject: 'oidc-rapporteur', roles: ['RAPPORTEUR'], countries: ['AT'] },
      { subject: 'oidc-researcher', roles: ['RESEARCHER'], countries: [] },
      { subject: 'oidc-foreign-steward', roles: ['STEWARD'], countries: ['DE'] },
    ]);
    bed = await NodeTestBed.create('console-oidc');
    const jwksFile = join(bed.workDir, 'provider-jwks.json');
    await writeFile(jwksFile, JSON.stringify(provider.jwks));
    node = await bed.start(
      bed.config(
        { url: 'http://127.0.0.1:9' },
        { AUTH_ISSUER: provider.issuer, AUTH_JWKS_FILE: jwksFile, CONSOLE_OIDC_CLIENT_ID: CLIENT_ID },
      ),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await node?.close();
    await bed?.dispose();
    await provider?.close();
  });

  it('signs a rapporteur in at the provider with PKCE and opens a session for the same roles the API grants', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${node.url}/console/sign-in`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '01-sign-in');
    await page.getByRole('link', { name: 'Sign in with your organisation’s account' }).click();
    await page.waitForURL(new RegExp(`^${provider.issuer}/authorize`));
    const authorization = new URL(page.url()).searchParams;
    expect(authorization.get('code_challenge_method')).toBe('S256');
    expect(authorization.get('client_id')).toBe(CLIENT_ID);
    expect(authorization.get('redirect_uri')).toBe(`${node.url}/console/sign-in/callback`);
    await page.getByRole('link', { name: 'Continue as oidc-rapporteur' }).click();
    await page.waitForURL(`${node.url}/console`);
    await expect(page.locator('.account').textContent()).resolves.toContain('oidc-rapporteur (RAPPORTEUR), AT');
    expect(provider.tokenRequests.at(-1)).toEqual({ verifierMatched: true, codeKnown: true });
    const cookies = await context.cookies(`${node.url}/console/sign-in/callback`);
    expect(cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The state cookie is spent with the callback.
    expect(cookies.find((cookie) => cookie.name === SIGN_IN_STATE_COOKIE)).toBeUndefined();
    await screenshot(page, screenshots, '02-signed-in');
    await context.close();
  });

  it('refuses a callback replayed, one from another browser, and one with a state it never issued', async () => {
    const { context, page } = await freshPage();
    const callbacks: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/console/sign-in/callback')) callbacks.push(request.url());
    });
    await startAtProvider(page);
    await page.getByRole('link', { name: 'Continue as oidc-rapporteur' }).click();
    await page.waitForURL(`${node.url}/console`);
    const [callback] = callbacks;
    expect(callback).toMatch(/code=.*state=|state=.*code=/);
    const history = provider.tokenRequests.length;
    // The same callback again, in the same browser (its state is spent) and in another: refused before the code is
    // redeemed, so the provider sees no second token request.
    const again = await page.goto(callback as string);
    expect(again?.status()).toBe(401);
    await expect(page.locator('main').textContent()).resolves.toContain('The sign-in did not complete (state)');
    const { context: other, page: otherPage } = await freshPage();
    const replayed = await otherPage.goto(callback as string);
    expect(replayed?.status()).toBe(401);
    expect(provider.tokenRequests.length).toBe(history);
    expect(await other.cookies(`${node.url}/console/sign-in/callback`)).toEqual([]);
    const forged = await otherPage.goto(`${node.url}/console/sign-in/callback?code=made-up&state=made-up`);
    expect(forged?.status()).toBe(401);

    // A sign-in started in one browser and completed in another (login CSRF): no session in either.
    await startAtProvider(otherPage);
    const continueLink = await otherPage.getByRole('link', { name: 'Continue as oidc-rapporteur' }).getAttribute('href');
    const { context: victim, page: victimPage } = await freshPage();
    const answer = await victimPage.request.get(`${provider.issuer}${continueLink ?? ''}`, { maxRedirects: 0 });
    const refused = await victimPage.goto(answer.headers()['location'] ?? '');
    expect(refused?.status()).toBe(401);
    expect((await victim.cookies(`${node.url}/console/sign-in/callback`)).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    await context.close();
    await other.close();
    await victim.close();
  });

  it('says why when the provider declines, the account has no console role, is of another country, or the ID token is foreign', async () => {
    const { context, page } = await freshPage();
    await startAtProvider(page);
    await page.getByRole('link', { name: 'Decline' }).click();
    await page.waitForURL(/\/console\/sign-in\/callback/);
    await expect(page.locator('main').textContent()).resolves.toContain('The sign-in did not complete (provider)');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, screenshots, '03-declined');

    await startAtProvider(page);
    await page.getByRole('link', { name: 'Continue as oidc-researcher' }).click();
    await page.waitForURL(/\/console\/sign-in\/callback/);
    await expect(page.locator('main').textContent()).resolves.toMatch(/no role this console serves|roles/i);

    await startAtProvider(page);
    await page.getByRole('link', { name: 'Continue as oidc-foreign-steward' }).click();
    await page.waitForURL(/\/console\/sign-in\/callback/);
    expect(await page.locator('main').textContent()).toMatch(/AT/);
    expect((await context.cookies(`${node.url}/console/sign-in/callback`)).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);

    provider.nonceOverride = 'not-the-nonce-of-this-sign-in';
    try {
      await startAtProvider(page);
      await page.getByRole('link', { name: 'Continue as oidc-rapporteur' }).click();
      await page.waitForURL(/\/console\/sign-in\/callback/);
      await expect(page.locator('main').textContent()).resolves.toContain('The sign-in did not complete (id_token)');
    } finally {
      provider.nonceOverride = undefined;
    }
    expect((await context.cookies(`${node.url}/console/sign-in/callback`)).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    await context.close();
    expect(bed.logLines.join('\n')).not.toMatch(/code=|eyJ/);
  });
});
