import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase, type ScratchDatabase } from '#app/database';
import { csvLine, syntheticCases, TEMPLATE_HEADER } from '../../../scripts/synthetic/synthetic-cases.js';
import type { AppSpec } from './app-process.js';
import type { SqlRunner } from './database-fingerprint.js';
import { REPOSITORY_ROOT } from './reliability-summary.js';

/** Settings every app of a test federation shares: development tokens from one issuer folder, quiet logs. */
function commonEnv(issuerDir: string): Record<string, string> {
  return { DEV_ISSUER_DIR: issuerDir, NODE_ENV: 'development', LOG_LEVEL: 'log' };
}

/** The hub as a process on its own scratch database (embedded folder or PostgreSQL database). */
export function hubSpec(database: ScratchDatabase, issuerDir: string, port: number, env: Record<string, string> = {}): AppSpec {
  return {
    name: 'hub',
    entry: 'apps/hub/src/main.js',
    port,
    env: { ...commonEnv(issuerDir), DATA_DIR: database.dataDir, DATABASE_URL: database.url ?? '', ...env },
  };
}

export interface NodeSpecOptions {
  readonly nodeId: string;
  readonly country: string;
  readonly hubUrl: string;
  readonly hubJwksFile: string;
  readonly env?: Record<string, string>;
}

/** A national node as a process; its key folder lives in its data folder, so it survives restarts. */
export function nodeSpec(database: ScratchDatabase, issuerDir: string, port: number, options: NodeSpecOptions): AppSpec {
  return {
    name: options.nodeId,
    entry: 'apps/node/src/main.js',
    port,
    env: {
      ...commonEnv(issuerDir),
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.url ?? '',
      KEY_DIR: join(database.dataDir, 'keys'),
      NODE_ID: options.nodeId,
      NODE_COUNTRY: options.country,
      HUB_URL: options.hubUrl,
      HUB_JWKS_FILE: options.hubJwksFile,
      ...options.env,
    },
  };
}

/** Imports synthetic cases into a stopped node with the real `node-import` command, as scripts/start-federation.ts does. */
export async function importSyntheticCases(
  database: ScratchDatabase,
  issuerDir: string,
  options: { nodeId: string; country: string; count: number; seed: number; firstPeriod: string; lastPeriod: string },
): Promise<number> {
  const file = join(database.dataDir, 'synthetic-cases.csv');
  const lines = [csvLine(TEMPLATE_HEADER)];
  for (const row of syntheticCases({
    country: options.country,
    count: options.count,
    firstPeriod: options.firstPeriod,
    lastPeriod: options.lastPeriod,
    seed: options.seed,
  })) {
    lines.push(csvLine(TEMPLATE_HEADER.map((column) => row[column])));
  }
  await writeFile(file, lines.join(''));
  const spec = nodeSpec(database, issuerDir, 0, {
    nodeId: options.nodeId,
    country: options.country,
    hubUrl: 'http://127.0.0.1:9',
    hubJwksFile: '',
  });
  const child = spawn(process.execPath, [join(REPOSITORY_ROOT, 'dist', 'scripts', 'node-import.js'), '--format', 'template', file], {
    env: { ...process.env, NODE_OPTIONS: '', ...spec.env, HUB_JWKS_FILE: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`import of synthetic cases failed (exit ${code}): ${stderr.slice(-300)}`);
  return (JSON.parse(stdout) as { report: { accepted: number } }).report.accepted;
}

/** Runs `work` with SQL access to an app's database while the app is stopped (an embedded one admits one process). */
export async function withAppDatabase<T>(database: ScratchDatabase, work: (run: SqlRunner) => Promise<T>): Promise<T> {
  const opened = await openDatabase({
    url: database.url,
    dataDir: join(database.dataDir, 'database'),
    entities: [],
    migrations: [],
    runMigrations: false,
  });
  try {
    return await work((sql, parameters) => opened.dataSource.query(sql, parameters));
  } finally {
    await opened.close();
  }
}

/** Writes to one table held at the database until the caller lets them go. */
export interface HeldWrites {
  /** Resolves true once a statement matching `pattern` of another session waits on the table, false at the timeout. */
  waitingStatement(pattern: string, timeoutMs: number): Promise<boolean>;
  /** Lets the held writes go on (or fail, if their session has died meanwhile). */
  release(): Promise<void>;
}

/**
 * On PostgreSQL, holds a SHARE lock on `table` (reads go on, writes wait), so that a kill can land inside a write's
 * transaction whatever the machine's speed: a fast insert is otherwise over between two looks at pg_stat_activity.
 * Undefined on the embedded database, which cannot be watched from outside; then the caller times its kill instead.
 */
export async function holdWrites(database: ScratchDatabase, table: string): Promise<HeldWrites | undefined> {
  if (database.url === undefined) return undefined;
  const { default: pg } = await import('pg');
  const name = decodeURIComponent(new URL(database.url).pathname.slice(1));
  const holder = new pg.Client({ connectionString: database.url });
  // A second session looks: pg_stat_activity read inside the holder's transaction would be a frozen snapshot.
  const watcher = new pg.Client({ connectionString: database.url });
  await Promise.all([holder.connect(), watcher.connect()]);
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    try {
      await holder.query('ROLLBACK');
    } finally {
      await Promise.all([holder.end(), watcher.end()]);
    }
  };
  try {
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${table} IN SHARE MODE`);
  } catch (error) {
    await release();
    throw error;
  }
  const waitingStatement = async (pattern: string, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await watcher.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = $1 AND state = 'active' AND query LIKE $2 AND pid <> pg_backend_pid()`,
        [name, pattern],
      );
      if ((rows[0]?.waiting ?? 0) > 0) return true;
      await new Promise((done) => setTimeout(done, 5));
    }
    return false;
  };
  return { waitingStatement, release };
}
