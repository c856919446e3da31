import { describe, expect, it } from '@jest/globals';
import { BrowserUnavailableError, launchHeadlessChromium } from './headless-chromium.js';

describe('launchHeadlessChromium', () => {
  it('says which executable failed and how to choose another when CHROMIUM_PATH is wrong', async () => {
    const launching = launchHeadlessChromium('/nonexistent/chromium');
    await expect(launching).rejects.toBeInstanceOf(BrowserUnavailableError);
    await expect(launching).rejects.toThrow(/\/nonexistent\/chromium.*set CHROMIUM_PATH/);
  });

  it('refuses a path that is no executable', async () => {
    await expect(launchHeadlessChromium('/etc/hostname')).rejects.toThrow(/could not be started from \/etc\/hostname/);
  });
});
