import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, type INestApplication, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthModule, DevIssuer, Role } from '#app/auth';
import { createScratchDatabase, openDatabase, type ScratchDatabase } from '#app/database';
import { createObservatoryApp, JsonLogger, observatoryGraphQLModule } from '#app/platform';
import { AccessModule } from '../../apps/node/src/access/access.module.js';
import { NodeConfigModule, nodeDatabaseModule } from '../../apps/node/src/config/node-config.module.js';
import { NodeConfig } from '../../apps/node/src/config/node.config.js';
import { NodeImportModule } from '../../apps/node/src/imports/node-import.module.js';
import { NodeKeyring } from '../../apps/node/src/keys/node-keyring.js';
import { createNodeApp } from '../../apps/node/src/node-app.factory.js';
import { nodeEntities } from '../../apps/node/src/node.entities.js';
import { nodeMigrations } from '../../apps/node/src/node.migrations.js';

export const TEST_NODE_ID = 'node-at';
export const TEST_COUNTRY = 'AT';

/** A GraphQL answer as the node sends it. */
export interface GraphQLAnswer<Data = Record<string, unknown>> {
  readonly data?: Data | null;
  readonly errors?: ReadonlyArray<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

/** Tokens of the development issuer for the roles a node test needs. */
export interface NodeTestTokens {
  readonly rapporteur: string;
  readonly steward: string;
  /** A rapporteur of another country: refused at this node with COUNTRY_OUT_OF_SCOPE. */
  readonly foreignRapporteur: string;
  readonly researcher: string;
}

/**
 * What a node test keeps across app restarts: the database (embedded folder or PostgreSQL database), the key folder
 * and the development token issuer. `start` boots a node app on it; closing and starting again is a node restart.
 */
export class NodeTestBed {
  readonly logLines: string[] = [];

  private constructor(
    readonly scratch: ScratchDatabase,
    readonly workDir: string,
    readonly tokens: NodeTestTokens,
    readonly country: string,
  ) {}

  /** A node for `country` (AT unless said otherwise); the tokens act for that country. */
  static async create(label: string, country: string = TEST_COUNTRY): Promise<NodeTestBed> {
    const scratch = await createScratchDatabase(`node-${label}`);
    const workDir = await mkdtemp(join(tmpdir(), `thb-node-${label}-`));
    const issuer = await DevIssuer.loadOrCreate(join(workDir, 'dev-issuer'));
    const tokens: NodeTestTokens = {
      rapporteur: await issuer.issue({ roles: [Role.RAPPORTEUR], countries: [country], subject: 'rapporteur-1' }),
      steward: await issuer.issue({ roles: [Role.STEWARD], countries: [country], subject: 'steward-1' }),
      foreignRapporteur: await issuer.issue({
        roles: [Role.RAPPORTEUR],
        countries: [country === 'DE' ? 'FR' : 'DE'],
        subject: 'rapporteur-other',
      }),
      researcher: await issuer.issue({ roles: [Role.RESEARCHER], subject: 'researcher-1' }),
    };
    return new NodeTestBed(scratch, workDir, tokens, country);
  }

  /** The settings of the node under test; `overrides` replace or add variables. */
  config(hub: { url: string; jwksFile?: string }, overrides: Record<string, string | undefined> = {}): NodeConfig {
    return NodeConfig.fromEnv({
      DATA_DIR: this.scratch.dataDir,
      DATABASE_URL: this.scratch.url,
      LOG_LEVEL: 'log',
      NODE_ID: TEST_NODE_ID,
      NODE_COUNTRY: this.country,
      HUB_URL: hub.url,
      HUB_JWKS_FILE: hub.jwksFile,
      KEY_DIR: join(this.workDir, 'keys'),
      DEV_ISSUER_DIR: join(this.workDir, 'dev-issuer'),
      OUTBOX_BASE_DELAY_MS: '100',
      OUTBOX_MAX_DELAY_MS: '400',
      OUTBOX_POLL_INTERVAL_MS: '50',
      OUTBOX_REQUEST_TIMEOUT_MS: '3000',
      ...overrides,
    });
  }

  /** Boots and listens on a free port; every log line goes to `logLines`. */
  async start(config: NodeConfig): Promise<TestNode> {
    const app = await createNodeApp(config, (line) => this.logLines.push(line));
    await app.listen(0, '127.0.0.1');
    return new TestNode(app, await app.getUrl());
  }

  /**
   * Only the given feature modules over real GraphQL, on this bed's migrated database: what the app shares
   * (settings, database, authentication and its guards, error mapping, country scope) and nothing else, so a
   * resolver spec needs no keys, outbox or hub. Features that need more import it themselves.
   */
  async startFeatures(features: ReadonlyArray<Type | DynamicModule>): Promise<TestNode> {
    const config = this.config({ url: 'http://127.0.0.1:9' });
    @Module({})
    class FeaturesUnderTest {}
    const module: DynamicModule = {
      module: FeaturesUnderTest,
      imports: [
        NodeConfigModule.forRoot(config),
        nodeDatabaseModule(),
        AuthModule.forRoot(config.auth),
        observatoryGraphQLModule(),
        AccessModule,
        ...features,
      ],
    };
    const app = await createObservatoryApp(module, {
      appName: 'node',
      logLevel: config.logLevel,
      logSink: (line) => this.logLines.push(line),
    });
    await app.listen(0, '127.0.0.1');
    return new TestNode(app, await app.getUrl());
  }

  /** The import script's application context (no HTTP server) on this node's database and keys. */
  async importContext(config: NodeConfig): Promise<INestApplicationContext> {
    return NestFactory.createApplicationContext(NodeImportModule.forRoot(config), {
      logger: new JsonLogger('node-import', 'log', (line) => this.logLines.push(line)),
      abortOnError: false,
    });
  }

  /** Works on the node's database while no node app runs (to set up what a crashed process leaves behind). */
  async withDatabase<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const database = await openDatabase({
      url: this.scratch.url,
      dataDir: join(this.scratch.dataDir, 'database'),
      entities: nodeEntities,
      migrations: nodeMigrations,
    });
    try {
      return await work(database.dataSource);
    } finally {
      await database.close();
    }
  }

  async dispose(): Promise<void> {
    await this.scratch.dispose();
    await rm(this.workDir, { recursive: true, force: true });
  }
}

export class TestNode {
  constructor(
    readonly app: INestApplication,
    readonly url: string,
  ) {}

  get keyring(): NodeKeyring {
    return this.app.get(NodeKeyring);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async graphql<Data = Record<string, unknown>>(
    token: string | undefined,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLAnswer<Data>> {
    const response = await fetch(`${this.url.replace('[::1]', '127.0.0.1')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<Data>;
  }

  /** Like `graphql`, but fails the test on any error and returns the data. */
  // Tests read answers by path; `any` keeps them short, and a wrong path fails the test at once.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async data<Data = Record<string, any>>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const answer = await this.graphql<Data>(token, query, variables);
    if (answer.errors !== undefined && answer.errors.length > 0) {
      throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
    }
    return answer.data as Data;
  }

  /** Rows in every table of the node (migrations excluded): "nothing changed" means equal counts before and after. */
  rowCounts(): Promise<Record<string, number>> {
    return rowCountsOf(this.dataSource);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Rows in every table of a node database (migrations excluded). */
export async function rowCountsOf(dataSource: DataSource): Promise<Record<string, number>> {
  const tables: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`)) as Array<{ n: number }>;
    counts[table] = row.n;
  }
  return counts;
}

/** Polls until `check` holds (the outbox delivers in the background); fails with `what` after the timeout. */
export async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
