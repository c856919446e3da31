import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { createObservatoryApp, type LogSink } from '#app/platform';
import { type HubConfig } from './config/hub.config.js';
import { HubModule } from './hub.module.js';

/** Builds the hub (not yet listening), so tests and main start it the same way; resolver specs pick `features`. */
export function createHubApp(
  config: HubConfig,
  logSink?: LogSink,
  features?: ReadonlyArray<Type | DynamicModule>,
): Promise<INestApplication> {
  return createObservatoryApp(HubModule.forRoot(config, features), { appName: 'hub', logLevel: config.logLevel, logSink });
}
