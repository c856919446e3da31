import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { BrowserUnavailableError, launchHeadlessChromium } from '#app/platform';
import { HubConfig } from '../config/hub.config.js';
import { ReportsErrorCode, ReportsException } from './reports.exception.js';

/**
 * Prints report pages to PDF in headless Chromium. The browser starts on the first PDF asked for (a hub that never
 * serves one never starts it) and is kept for the next; each page renders in its own context with scripts off and
 * every network request refused, since the page is self-contained (inline styles, data: images).
 */
@Injectable()
export class ReportPdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('ReportPdf');
  private browser: Promise<Browser> | undefined;

  constructor(private readonly config: HubConfig) {}

  async pdf(html: string): Promise<Buffer> {
    const browser = await this.started();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
    } finally {
      await context.close();
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private started(): Promise<Browser> {
    if (!this.browser) {
      const launching = launchHeadlessChromium(this.config.chromiumPath).then((browser) => {
        // A browser that dies (killed, out of memory) is started again on the next request.
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = undefined;
        });
        return browser;
      });
      this.browser = launching;
      launching.catch(() => {
        if (this.browser === launching) this.browser = undefined;
      });
    }
    return this.browser.catch((error: unknown) => {
      // The operator reads which executable failed and why in the log; the client learns no server path.
      this.logger.error({
        msg: 'PDF browser unavailable',
        error: error instanceof Error ? error.name : typeof error,
        detail: error instanceof BrowserUnavailableError ? error.message.slice(0, 400) : undefined,
      });
      throw new ReportsException(
        ReportsErrorCode.PDF_UNAVAILABLE,
        'PDF reports are unavailable: the hub cannot start Chromium (its operator sets CHROMIUM_PATH, or leaves it unset for the bundled one). The HTML report works.',
        ['format'],
        { retryAfterSeconds: 60 },
      );
    });
  }
}
