import { request } from 'node:http';
import { join } from 'node:path';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DevIssuer, Role } from '#app/auth';
import { createScratchDatabase, type ScratchDatabase } from '#app/database';
import { HubConfig } from '../../apps/hub/src/config/hub.config.js';
import { FiguresCacheWarmer, type WarmUp } from '../../apps/hub/src/figures-cache/figures-cache.warmer.js';
import { createHubApp } from '../../apps/hub/src/hub-app.factory.js';

export interface GraphQLAnswer<Data = Record<string, unknown>> {
  readonly status: number;
  readonly data?: Data | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** A hub listening on a free port of 127.0.0.1, on its own scratch database, with tokens from a dev issuer. */
export interface HubUnderTest {
  readonly app: INestApplication;
  readonly url: string;
  readonly scratch: ScratchDatabase;
  readonly dataSource: DataSource;
  /** Every log line the hub wrote. */
  readonly logs: string[];
  readonly adminToken: string;
  token(roles: [Role, ...Role[]], countries?: string[]): Promise<string>;
  graphql<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLAnswer<Data>>;
  /** Waits for the figures cache's background warm-up after a change (a test counting the hub's own work needs quiet). */
  warmUpSettled(): Promise<WarmUp | undefined>;
  /** Stops the hub; with `keepDatabase`, its data folder or database stays for `startHub(..., scratch)`. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Boots the real hub (migrations, auth, GraphQL) over real HTTP. `env` adds hub settings such as
 * DISCLOSURE_METHOD; NODE_ENV is `test` so that DISCLOSURE_METHOD=NONE is allowed. `features` narrows the hub to a
 * few feature modules for a resolver spec (all of them by default).
 */
export async function startHub(
  label: string,
  env: Record<string, string> = {},
  reuse?: ScratchDatabase,
  features?: ReadonlyArray<Type | DynamicModule>,
): Promise<HubUnderTest> {
  const scratch = reuse ?? (await createScratchDatabase(label));
  const logs: string[] = [];
  let app: INestApplication | undefined;
  try {
    const devIssuerDir = join(scratch.dataDir, 'dev-issuer');
    const config = HubConfig.fromEnv({
      NODE_ENV: 'test',
      DATA_DIR: scratch.dataDir,
      DATABASE_URL: scratch.url,
      DEV_ISSUER_DIR: devIssuerDir,
      LOG_LEVEL: 'debug',
      ...env,
    });
    const issuer = await DevIssuer.loadOrCreate(devIssuerDir);
    app = await createHubApp(config, (line) => logs.push(line), features);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const adminToken = await issuer.issue({ roles: [Role.HUB_ADMIN], subject: 'test-admin' });
    const started = app;
    const graphql = async <Data>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLAnswer<Data>> => {
      const { status, body } = await httpJson('POST', `${url}/graphql`, JSON.stringify({ query, variables }), token);
      return { status, ...(body as Omit<GraphQLAnswer<Data>, 'status'>) };
    };
    return {
      app: started,
      url,
      scratch,
      dataSource: started.get(DataSource),
      logs,
      adminToken,
      token: (roles, countries) => issuer.issue({ roles, countries }),
      graphql,
      warmUpSettled: async () => {
        let warmer: FiguresCacheWarmer;
        try {
          warmer = started.get(FiguresCacheWarmer, { strict: false });
        } catch {
          // A resolver spec's hub may have no figures cache, hence nothing to wait for.
          return undefined;
        }
        return warmer.settled();
      },
      close: async (options = {}) => {
        await started.close();
        if (!options.keepDatabase) await scratch.dispose();
      },
    };
  } catch (error) {
    await app?.close();
    if (!reuse) await scratch.dispose();
    throw error;
  }
}

/** Row counts of every hub table, to show that a refused request changed nothing. */
export async function tableRowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [{ count }]: { count: string }[] = await dataSource.query(`SELECT count(*) AS count FROM "${table_name}"`);
    counts[table_name] = Number(count);
  }
  return counts;
}

/** The `extensions.code` of the first error, or undefined. */
export function errorCode(answer: GraphQLAnswer<unknown>): unknown {
  return answer.errors?.[0]?.extensions?.['code'];
}

/**
 * One HTTP request on a connection of its own (no keep-alive): a pooled connection that the server closes after its
 * idle timeout, just as the client reuses it, fails with ECONNRESET, and a mutation must not be retried blindly.
 */
export function httpJson(method: 'GET' | 'POST', url: string, body?: string, token?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
