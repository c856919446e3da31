import type { INestApplication } from '@nestjs/common';
import { createObservatoryApp, type LogSink } from '#app/platform';
import { type HubConfig } from './config/hub.config.js';
import { HubModule } from './hub.module.js';

/** Builds the hub (not yet listening), so tests and main start it the same way. */
export function createHubApp(config: HubConfig, logSink?: LogSink): Promise<INestApplication> {
  return createObservatoryApp(HubModule.forRoot(config), { appName: 'hub', logLevel: config.logLevel, logSink });
}
