import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase, openDatabase, type OpenDatabase, type ScratchDatabase } from '#app/database';
import { CASE_FIELDS, RECORD_FIELD_DESCRIPTORS, isNullableField, type FieldSqlType } from '#app/standard';
import { hubMigrations } from '../../apps/hub/src/hub.migrations.js';
import { HUB_RECORD_COLUMNS } from '../../apps/hub/src/submissions/record-columns.js';
import { RETURN_COLUMNS } from '../../apps/hub/src/submissions/submissions.repository.js';
import { nodeEntities } from '../../apps/node/src/node.entities.js';
import { nodeMigrations } from '../../apps/node/src/node.migrations.js';

/**
 * The record's field descriptors against the tables the migrations build: adding a field to the standard without a
 * migration of `registration` and `hub_record` (or a column without its descriptor) fails here.
 */
interface ColumnInfo {
  readonly column_name: string;
  readonly data_type: string;
  readonly udt_name: string;
  readonly is_nullable: 'YES' | 'NO';
}

const SQL_TYPE: Record<FieldSqlType | 'bigint' | 'uuid' | 'smallint', string> = {
  text: 'text',
  integer: 'int4',
  boolean: 'bool',
  bigint: 'int8',
  uuid: 'uuid',
  smallint: 'int2',
};

async function columnsOf(database: OpenDatabase, table: string): Promise<Map<string, ColumnInfo>> {
  const rows: ColumnInfo[] = await database.dataSource.query(
    `SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((row) => [row.column_name, row]));
}

/** What a descriptor asks of its column, in information_schema's words. */
function expected(sqlType: keyof typeof SQL_TYPE, multiValued: boolean, nullable: boolean) {
  return { type: multiValued ? `_${SQL_TYPE[sqlType]}` : SQL_TYPE[sqlType], nullable: nullable ? 'YES' : 'NO' };
}

function actual(info: ColumnInfo | undefined) {
  return info === undefined ? undefined : { type: info.udt_name, nullable: info.is_nullable };
}

describe('record fields and the migrated tables', () => {
  const scratches: ScratchDatabase[] = [];
  let hub: OpenDatabase;
  let node: OpenDatabase;

  beforeAll(async () => {
    const [hubScratch, nodeScratch] = await Promise.all([
      createScratchDatabase('record-schema-hub'),
      createScratchDatabase('record-schema-node'),
    ]);
    scratches.push(hubScratch!, nodeScratch!);
    hub = await openDatabase({
      url: hubScratch!.url,
      dataDir: hubScratch!.dataDir,
      entities: [],
      migrations: hubMigrations,
      runMigrations: true,
    });
    node = await openDatabase({
      url: nodeScratch!.url,
      dataDir: nodeScratch!.dataDir,
      entities: nodeEntities,
      migrations: nodeMigrations,
      runMigrations: true,
    });
  });

  afterAll(async () => {
    await hub?.close();
    await node?.close();
    await Promise.all(scratches.map((scratch) => scratch.dispose()));
  });

  it('hub_record has exactly the return columns, one column per record field (type, list, nullability) and the derived ones', async () => {
    const table = await columnsOf(hub, 'hub_record');
    for (const field of RECORD_FIELD_DESCRIPTORS) {
      expect([field.name, actual(table.get(field.column))]).toEqual([
        field.name,
        expected(field.sqlType, field.multiValued, isNullableField(field)),
      ]);
    }
    const written = [...RETURN_COLUMNS, ...HUB_RECORD_COLUMNS];
    for (const column of written) {
      expect([column.column, table.get(column.column)?.udt_name]).toEqual([
        column.column,
        'multiValued' in column && column.multiValued ? `_${SQL_TYPE[column.sqlType]}` : SQL_TYPE[column.sqlType],
      ]);
    }
    expect([...table.keys()].sort()).toEqual(['id', ...written.map(({ column }) => column)].sort());
  });

  it('registration has one column per case field and the protection facts as one jsonb column', async () => {
    const table = await columnsOf(node, 'registration');
    for (const field of CASE_FIELDS) {
      expect([field.name, actual(table.get(field.column))]).toEqual([
        field.name,
        expected(field.sqlType, field.multiValued, isNullableField(field)),
      ]);
    }
    expect(actual(table.get('protection'))).toEqual({ type: 'jsonb', nullable: 'YES' });
    const own = ['id', 'person_id', 'registration_date', 'period', 'protection', 'created_at', 'updated_at'];
    expect([...table.keys()].sort()).toEqual([...own, ...CASE_FIELDS.map((field) => field.column)].sort());
  });

  it("the node's registration entity maps onto those columns", async () => {
    const metadata = node.dataSource.getMetadata('RegistrationEntity');
    const table = await columnsOf(node, 'registration');
    expect(metadata.columns.map((column) => column.databaseName).sort()).toEqual([...table.keys()].sort());
  });
});
