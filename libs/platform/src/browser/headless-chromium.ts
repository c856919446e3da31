import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';

/**
 * Headless Chromium from an npm package (@sparticuz/chromium ships the browser inside its tarball and unpacks it into
 * the temporary folder on first use), so a fresh machine needs nothing but npm; `CHROMIUM_PATH` points at another
 * Chromium (a system one) instead. Shared by the hub's PDF reports and the browser tests.
 */

/** The flags keep the browser off the network (pages are rendered from memory) and out of the sandbox's way. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium could not be started; the message says which executable and how to choose another. */
export class BrowserUnavailableError extends Error {
  constructor(executable: string, cause: unknown) {
    super(
      `Chromium could not be started from ${executable} (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}); ` +
        'set CHROMIUM_PATH to a Chromium executable, or leave it unset to use the one of the npm package @sparticuz/chromium.',
    );
    this.name = 'BrowserUnavailableError';
  }
}

/** `chromiumPath` (the CHROMIUM_PATH setting) when given, otherwise the npm-shipped browser, unpacked if need be. */
export async function launchHeadlessChromium(chromiumPath?: string): Promise<Browser> {
  let executable = chromiumPath ?? 'the npm package @sparticuz/chromium';
  try {
    if (chromiumPath !== undefined) await access(chromiumPath, constants.X_OK);
    // Loaded on first use: the two packages take about 0.4 s to import, which every app and script would pay at start.
    const [{ chromium }, { default: packagedChromium }] = await Promise.all([import('playwright-core'), import('@sparticuz/chromium')]);
    executable = chromiumPath ?? (await packagedChromium.executablePath());
    return await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new BrowserUnavailableError(executable, error);
  }
}
