import { expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { createScratchDatabase } from '#app/database';
import { generatedSdl, sdlPath, type AppName } from '../../scripts/sdl.js';

export async function expectCommittedSdl(app: AppName): Promise<void> {
  const committed = await readFile(sdlPath(app), 'utf8');
  const scratch = await createScratchDatabase(`sdl-${app}`);
  try {
    // When this fails: run `npm run schema:write` and commit the result with the change that altered the API.
    expect(await generatedSdl(app, scratch)).toBe(committed);
  } finally {
    await scratch.dispose();
  }
}
