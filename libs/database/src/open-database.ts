import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import { EmbeddedPostgres } from './embedded-postgres.js';

export type DatabaseKind = 'EMBEDDED' | 'POSTGRES';

/** The app's one pooled connection plus room for an operator's psql session. */
const EMBEDDED_SOCKET_CONNECTIONS = 2;

// TypeORM's own option types for entities and migrations: classes, never globs, so src and dist cannot diverge.
type EntityList = MixedList<Function | string | EntitySchema>;
type MigrationList = MixedList<Function | string>;

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent an embedded database is started in `dataDir`. */
  url?: string;
  /** Folder of the embedded database (ignored with `url`). */
  dataDir: string;
  entities: EntityList;
  migrations: MigrationList;
  poolSize?: number;
  /** Run pending migrations before returning (the apps always do; tests of migrations may not). */
  runMigrations?: boolean;
  applicationName?: string;
}

export interface MigrationState {
  applied: number;
  pending: number;
  latest: string | null;
}

/** One open database: the TypeORM DataSource plus, when embedded, the PGlite server behind it. */
export class OpenDatabase {
  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
    private readonly embedded: EmbeddedPostgres | undefined,
  ) {}

  async migrationState(): Promise<MigrationState> {
    const known = this.dataSource.migrations.length;
    const hasTable = await this.dataSource.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS "exists"`);
    if (!hasTable[0]?.exists) return { applied: 0, pending: known, latest: null };
    const rows: { name: string }[] = await this.dataSource.query('SELECT name FROM migrations ORDER BY "timestamp" DESC, id DESC');
    return { applied: rows.length, pending: Math.max(0, known - rows.length), latest: rows[0]?.name ?? null };
  }

  /** Closes the pool first, then the embedded server, so no client is cut off mid-transaction. */
  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const embedded = options.url ? undefined : await EmbeddedPostgres.start(options.dataDir, EMBEDDED_SOCKET_CONNECTIONS);
  // PGlite is one session: pglite-socket multiplexes connections message by message, so two connections running
  // extended-protocol queries at once overwrite each other's unnamed prepared statement. One pooled connection
  // serialises them in the driver instead; transactions must use their own EntityManager, as on any database.
  const poolSize = embedded ? 1 : (options.poolSize ?? 10);
  try {
    const connection: Partial<DataSourceOptions> = embedded ? embedded.connectionOptions : { url: options.url };
    const dataSource = new DataSource({
      type: 'postgres',
      ...connection,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      // PGlite has no pgcrypto/uuid-ossp extensions; gen_random_uuid() is core PostgreSQL since 13.
      uuidExtension: 'pgcrypto',
      installExtensions: false,
      logging: false,
      applicationName: options.applicationName,
      extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
    } as DataSourceOptions);
    await dataSource.initialize();
    if (options.runMigrations ?? true) await dataSource.runMigrations({ transaction: 'each' });
    return new OpenDatabase(dataSource, embedded ? 'EMBEDDED' : 'POSTGRES', embedded);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
