import 'reflect-metadata';
import { ConfigurationError } from '#app/platform';
import { HubConfig } from './config/hub.config.js';
import { createHubApp } from './hub-app.factory.js';

async function main(): Promise<void> {
  const config = HubConfig.fromEnv();
  const app = await createHubApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'log', app: 'hub', msg: 'listening', url: await app.getUrl() })}\n`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigurationError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', app: 'hub', msg: 'start failed', error: message })}\n`);
  process.exit(1);
});
