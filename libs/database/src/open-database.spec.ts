import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openDatabase } from './open-database.js';
import { createScratchDatabase, type ScratchDatabase } from './test-database.js';

class CreateProbeTable1700000000000 implements MigrationInterface {
  name = 'CreateProbeTable1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE probe (id serial PRIMARY KEY, label text NOT NULL)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe');
  }
}

describe('openDatabase', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase('open-database');
  });
  afterAll(async () => {
    await scratch.dispose();
  });

  const open = (runMigrations = true) =>
    openDatabase({ url: scratch.url, dataDir: scratch.dataDir, entities: [], migrations: [CreateProbeTable1700000000000], runMigrations });

  it('reports pending migrations on an empty database, then applies them', async () => {
    const database = await open(false);
    try {
      expect(database.kind).toBe(scratch.url ? 'POSTGRES' : 'EMBEDDED');
      expect(await database.migrationState()).toEqual({ applied: 0, pending: 1, latest: null });
      await database.dataSource.runMigrations();
      expect(await database.migrationState()).toEqual({ applied: 1, pending: 0, latest: 'CreateProbeTable1700000000000' });
    } finally {
      await database.close();
    }
  });

  it('keeps committed data across a close and reopen of the same database', async () => {
    const first = await open();
    await first.dataSource.query(`INSERT INTO probe (label) VALUES ('kept')`);
    await first.close();
    const second = await open();
    try {
      const rows: { label: string }[] = await second.dataSource.query('SELECT label FROM probe');
      expect(rows.map((row) => row.label)).toEqual(['kept']);
      expect((await second.migrationState()).pending).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('isolates transactions between pooled connections', async () => {
    const database = await open();
    try {
      await database.dataSource.query('DELETE FROM probe');
      await database.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO probe (label) VALUES ('committed')`);
      });
      await expect(
        database.dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO probe (label) VALUES ('rolled back')`);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const rows: { label: string }[] = await database.dataSource.query('SELECT label FROM probe ORDER BY id');
      expect(rows.map((row) => row.label)).toEqual(['committed']);
    } finally {
      await database.close();
    }
  });

  it('refuses a second process on the same embedded data folder', async () => {
    if (scratch.url) return; // only the embedded database has a data folder to protect
    const database = await open();
    try {
      const { EmbeddedPostgres } = await import('./embedded-postgres.js');
      // Same process may reopen (restart); simulate another live holder by writing our parent's pid.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(`${scratch.dataDir}/observatory.lock`, String(process.ppid));
      await expect(EmbeddedPostgres.start(scratch.dataDir, 2)).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE' });
      await writeFile(`${scratch.dataDir}/observatory.lock`, String(process.pid));
    } finally {
      await database.close();
    }
  });
});

describe('openDatabase under concurrent queries', () => {
  it('answers parameterised queries and transactions issued at once', async () => {
    const scratch = await createScratchDatabase('concurrent-queries');
    const database = await openDatabase({ url: scratch.url, dataDir: scratch.dataDir, entities: [], migrations: [] });
    try {
      // On the embedded database these used to interleave at the protocol level across pooled connections.
      const doubled = (rows: { doubled: number }[]) => rows[0]!.doubled;
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          index % 2 === 0
            ? database.dataSource.query('SELECT $1::int * 2 AS doubled', [index]).then(doubled)
            : database.dataSource.transaction(async (manager) => {
                const first = doubled(await manager.query('SELECT $1::int * 2 AS doubled', [index]));
                const second = doubled(await manager.query('SELECT $1::int + $1::int AS doubled', [index]));
                return first === second ? first : -1;
              }),
        ),
      );
      expect(answers).toEqual(Array.from({ length: 40 }, (_, index) => index * 2));
    } finally {
      await database.close();
      await scratch.dispose();
    }
  });
});
