import type { Browser } from 'playwright-core';
import { launchHeadlessChromium } from '#app/platform';

/**
 * The browser tests' Chromium: the hub's own launcher (`CHROMIUM_PATH` when set, otherwise the npm-shipped one), so
 * tests and the PDF reports run the same browser. Launch it once per suite (in `beforeAll`).
 */
export function launchChromium(): Promise<Browser> {
  return launchHeadlessChromium(process.env.CHROMIUM_PATH || undefined);
}
