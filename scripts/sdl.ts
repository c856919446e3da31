import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { ScratchDatabase } from '#app/database';

export type AppName = 'hub' | 'node';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export function sdlPath(app: AppName): string {
  // Compiled scripts live in dist/scripts; sources in scripts/. Both find the repository by the schemas folder.
  const root = repositoryRoot.endsWith('/dist') ? resolve(repositoryRoot, '..') : repositoryRoot;
  return resolve(root, 'schemas', `${app}.graphql`);
}

/** Boots the app on a scratch database (no port opened) and prints its schema, sorted, as committed. Call once per process. */
export async function generatedSdl(app: AppName, scratch: ScratchDatabase): Promise<string> {
  const env = { DATA_DIR: scratch.dataDir, DATABASE_URL: scratch.url, LOG_LEVEL: 'error' as const };
  const silent = () => undefined;
  // Imported on demand: decorators register GraphQL types on import, and only this app's types may be in the schema.
  const nest =
    app === 'hub'
      ? await import('../apps/hub/src/hub-app.factory.js').then(async ({ createHubApp }) => {
          const { HubConfig } = await import('../apps/hub/src/config/hub.config.js');
          return createHubApp(HubConfig.fromEnv(env), silent);
        })
      : await import('../apps/node/src/node-app.factory.js').then(async ({ createNodeApp }) => {
          const { NodeConfig } = await import('../apps/node/src/config/node.config.js');
          return createNodeApp(NodeConfig.fromEnv(env), silent);
        });
  try {
    await nest.init();
    const { schema } = nest.get(GraphQLSchemaHost);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await nest.close();
  }
}
