import type { INestApplication } from '@nestjs/common';
import { createObservatoryApp, type LogSink } from '#app/platform';
import { type NodeConfig } from './config/node.config.js';
import { NodeModule } from './node.module.js';

/** Builds a national node (not yet listening), so tests and main start it the same way. */
export function createNodeApp(config: NodeConfig, logSink?: LogSink): Promise<INestApplication> {
  return createObservatoryApp(NodeModule.forRoot(config), { appName: 'node', logLevel: config.logLevel, logSink, acceptForms: true });
}
