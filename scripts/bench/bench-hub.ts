import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { DevIssuer, Role } from '#app/auth';
import { createScratchDatabase, type ScratchDatabase } from '#app/database';
import { HubConfig } from '../../apps/hub/src/config/hub.config.js';
import { createHubApp } from '../../apps/hub/src/hub-app.factory.js';
import { flag } from './bench-kit.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseLabel = 'PostgreSQL' | 'embedded (PGlite)';

/** PostgreSQL from `DATABASE_URL` (or the local default) unless `--embedded` asks for PGlite. */
export function chosenServerUrl(): string | undefined {
  return flag('embedded') ? undefined : process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export interface GraphQLAnswer<Data> {
  readonly data?: Data | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** The real hub (migrations, auth, GraphQL) listening on 127.0.0.1, on a scratch database dropped at close. */
export interface BenchHub {
  readonly app: INestApplication;
  readonly url: string;
  readonly dataSource: DataSource;
  readonly database: DatabaseLabel;
  /** Where the data lives: the scratch database (PostgreSQL) or data folder (embedded). */
  readonly scratch: ScratchDatabase;
  readonly adminToken: string;
  /** The hub's log lines at `log` level and above, kept only when `keepLogs` asked for them. */
  readonly logs: string[];
  token(roles: [Role, ...Role[]], countries?: string[]): Promise<string>;
  /** A GraphQL operation over HTTP; errors in the answer are thrown, so a benchmark never times a failure. */
  graphql<Data>(query: string, variables?: Record<string, unknown>, token?: string): Promise<Data>;
  /** Stops the hub; with `keepDatabase` the scratch database stays (another process serves it next). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface BenchHubOptions {
  /** Hub settings (environment variable names of HubConfig) on top of the benchmark defaults. */
  readonly env?: Record<string, string>;
  readonly logLevel?: 'debug' | 'log' | 'warn';
  /** Keep log lines in memory (phase timings); off for load tests, where they would only grow. */
  readonly keepLogs?: boolean;
  /** PostgreSQL server to create the scratch database on, `undefined` for the embedded one; default: the command line. */
  readonly serverUrl?: string | undefined;
}

export async function startBenchHub(label: string, options: BenchHubOptions = {}): Promise<BenchHub> {
  const serverUrl = 'serverUrl' in options ? options.serverUrl : chosenServerUrl();
  const scratch: ScratchDatabase = await createScratchDatabase(`bench_${label}`, serverUrl);
  const logs: string[] = [];
  let app: INestApplication | undefined;
  try {
    const devIssuerDir = join(scratch.dataDir, 'dev-issuer');
    const config = HubConfig.fromEnv({
      DATA_DIR: scratch.dataDir,
      ...(scratch.url ? { DATABASE_URL: scratch.url } : {}),
      DEV_ISSUER_DIR: devIssuerDir,
      LOG_LEVEL: options.logLevel ?? 'warn',
      // A return of 100 000 records is about 50 MB as compact JWS; the hub's bound is raised to its maximum.
      MAX_MESSAGE_BYTES: String(63 * 1024 * 1024),
      ...options.env,
    });
    const issuer = await DevIssuer.loadOrCreate(devIssuerDir);
    app = await createHubApp(config, (line) => {
      if (options.keepLogs) logs.push(line);
    });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const adminToken = await issuer.issue({ roles: [Role.HUB_ADMIN], subject: 'bench-admin' });
    const started = app;
    return {
      app: started,
      url,
      dataSource: started.get(DataSource),
      database: scratch.url ? 'PostgreSQL' : 'embedded (PGlite)',
      scratch,
      adminToken,
      logs,
      token: (roles, countries) => issuer.issue({ roles, countries, subject: 'bench-user' }),
      graphql: async <Data>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Data> => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        const answer = (await response.json()) as GraphQLAnswer<Data>;
        if (answer.errors?.length || !answer.data) {
          const first = answer.errors?.[0];
          throw new Error(
            `GraphQL answered HTTP ${response.status}: ${first?.message ?? 'no data'} (${String(first?.extensions?.['code'])})`,
          );
        }
        return answer.data;
      },
      close: async (closeOptions = {}) => {
        try {
          await started.close();
        } finally {
          // Even when the hub cannot close cleanly (its database went away), the scratch database is dropped.
          if (!closeOptions.keepDatabase) await scratch.dispose();
        }
      },
    };
  } catch (error) {
    await app?.close();
    await scratch.dispose();
    throw error;
  }
}

/**
 * Lends one pooled connection of the hub's own DataSource as a plain `pg` client (for COPY and raw batches), so
 * baselines and the hub reach the database through the same driver and pool; embedded, it is the only connection.
 */
export async function withRawClient<T>(dataSource: DataSource, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as pg.ClientBase;
  try {
    return await work(client);
  } finally {
    await runner.release();
  }
}

/** Runs `work` in one transaction on a raw client: committed if it returns, rolled back if it throws. */
export async function inTransaction(client: pg.ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
