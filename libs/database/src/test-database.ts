import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A database of its own for one test suite: a fresh embedded data folder, or, when `DATABASE_URL` is set, a fresh
 * database created on that PostgreSQL server and dropped afterwards. Same code path as production either way.
 */
export interface ScratchDatabase {
  url: string | undefined;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function createScratchDatabase(label: string, serverUrl = process.env.DATABASE_URL): Promise<ScratchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), `thb-${label}-`));
  if (!serverUrl) {
    return { url: undefined, dataDir, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `thb_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${Date.now().toString(36)}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    dispose: async () => {
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
