import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DatabaseException, DatabaseErrorCode } from './database.exception.js';

/** The socket file name libpq and `pg` look for in a socket directory for port 5432. */
const SOCKET_PORT = 5432;

/**
 * An embedded PostgreSQL (PGlite) persisted in a data folder and served over a private Unix socket, so the
 * application reaches it through the ordinary `pg` driver exactly as it reaches a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly database: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly dataDir: string,
    readonly socketDir: string,
    private readonly lockFile: string,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const lockFile = join(dataDir, 'observatory.lock');
    await acquireLock(lockFile);
    let database: PGlite | undefined;
    try {
      database = await PGlite.create(join(dataDir, 'pgdata'));
      // A private directory (0700) keeps other local users off the socket; the embedded server has no passwords.
      const socketDir = await mkdtemp(join(tmpdir(), 'thb-pg-'));
      const server = new PGLiteSocketServer({
        db: database,
        path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
        maxConnections,
      });
      await server.start();
      return new EmbeddedPostgres(database, server, dataDir, socketDir, lockFile);
    } catch (error) {
      await database?.close().catch(() => undefined);
      await rm(lockFile, { force: true });
      throw error;
    }
  }

  /** Connection options for `pg` / TypeORM. */
  get connectionOptions() {
    return { host: this.socketDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' } as const;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    // Closing PGlite flushes and checkpoints, which is what keeps the data folder consistent across restarts.
    await this.database.close();
    await rm(this.socketDir, { recursive: true, force: true });
    await rm(this.lockFile, { force: true });
  }
}

async function acquireLock(lockFile: string): Promise<void> {
  const holder = await readFile(lockFile, 'utf8').then(
    (text) => Number.parseInt(text, 10),
    () => undefined,
  );
  if (holder !== undefined && Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    throw new DatabaseException(
      DatabaseErrorCode.DATA_DIR_IN_USE,
      `The embedded database folder is in use by process ${holder}; stop it first or choose another DATA_DIR.`,
    );
  }
  await writeFile(lockFile, String(process.pid), { mode: 0o600 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
