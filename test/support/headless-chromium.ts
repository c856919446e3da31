import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium for the browser tests, from an npm package (@sparticuz/chromium ships the browser inside its
 * tarball and unpacks it into the temporary folder on first use), so a fresh machine needs nothing but npm: no
 * system package, no download from elsewhere. The flags keep it off the network (this machine's is closed).
 */
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

export async function launchChromium(): Promise<Browser> {
  const executablePath = await packagedChromium.executablePath();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
