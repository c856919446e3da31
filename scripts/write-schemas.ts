/**
 * Writes the GraphQL SDL of both apps to schemas/hub.graphql and schemas/node.graphql.
 * `--check` compares instead and exits 1 on drift (the test suite runs the same comparison).
 * Each app's schema is built in a process of its own: @nestjs/graphql keeps one type registry per process.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '#app/database';
import { generatedSdl, sdlPath, type AppName } from './sdl.js';

const apps: AppName[] = ['hub', 'node'];

async function writeOne(app: AppName, check: boolean): Promise<boolean> {
  // An empty embedded database is enough to build the schema; nothing of the operator's is touched.
  const scratch = await createScratchDatabase(`sdl-${app}`, '');
  try {
    const sdl = await generatedSdl(app, scratch);
    const path = sdlPath(app);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== sdl) process.stderr.write(`${path} differs from the code: run npm run schema:write\n`);
      return committed === sdl;
    }
    await writeFile(path, sdl);
    process.stdout.write(`wrote ${path}\n`);
    return true;
  } finally {
    await scratch.dispose();
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const appIndex = process.argv.indexOf('--app');
  if (appIndex >= 0) {
    process.exit((await writeOne(process.argv[appIndex + 1] as AppName, check)) ? 0 : 1);
  }
  let ok = true;
  for (const app of apps) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--app', app, ...(check ? ['--check'] : [])],
      {
        stdio: 'inherit',
      },
    );
    ok &&= child.status === 0;
  }
  process.exit(ok ? 0 : 1);
}

void main();
