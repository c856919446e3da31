import type { DynamicModule, INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DomainExceptionFilter } from './domain-exception.filter.js';
import { JsonLogger, type LogSink } from './json-logger.js';
import { requestIdMiddleware } from './request-context.js';
import { verifyStrictJsonBody } from './strict-json-body.js';
import { TextInputPipe } from './text-input.pipe.js';

export interface BootstrapOptions {
  appName: string;
  logLevel: LogLevel;
  logSink?: LogSink;
  /** Largest request body accepted (JSON and text); returns are the biggest legitimate bodies. */
  bodyLimit?: string;
  /** Also parse HTML form posts (urlencoded, at most 64 KiB): for apps with pages of their own. */
  acceptForms?: boolean;
}

/** Creates a Nest app with JSON logs, request ids, error mapping and clean shutdown on SIGINT/SIGTERM. */
export async function createObservatoryApp(root: DynamicModule, options: BootstrapOptions): Promise<INestApplication> {
  const logger = new JsonLogger(options.appName, options.logLevel, options.logSink);
  const app = await NestFactory.create<NestExpressApplication>(root, { logger, bodyParser: false });
  // No server fingerprint: the framework and its version are nobody's business.
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  const limit = options.bodyLimit ?? '64mb';
  // Nest's option type omits `verify` (it takes it over for rawBody, which is off here); body-parser honours it.
  const jsonOptions = { limit, verify: verifyStrictJsonBody };
  app.useBodyParser('json', jsonOptions);
  app.useBodyParser('text', { limit, type: ['text/plain', 'application/jose'] });
  if (options.acceptForms === true) app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.useGlobalFilters(new DomainExceptionFilter());
  app.useGlobalPipes(new TextInputPipe());
  app.enableShutdownHooks();
  return app;
}
