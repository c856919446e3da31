import 'reflect-metadata';
import { ConfigurationError } from '#app/platform';
import { NodeConfig } from './config/node.config.js';
import { createNodeApp } from './node-app.factory.js';

async function main(): Promise<void> {
  const config = NodeConfig.fromEnv();
  const app = await createNodeApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'log', app: 'node', msg: 'listening', url: await app.getUrl() })}\n`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigurationError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', app: 'node', msg: 'start failed', error: message })}\n`);
  process.exit(1);
});
