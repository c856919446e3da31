/** Runs one SQL statement; satisfied by a TypeORM DataSource's `query` and by a `pg` client wrapper. */
export type SqlRunner = (sql: string, parameters?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Row count and content checksum of one table. */
export interface TableFingerprint {
  readonly rows: number;
  readonly md5: string;
}

/** Every base table of the public schema, by name. Equal fingerprints: no row added, removed or changed. */
export type DatabaseFingerprint = Readonly<Record<string, TableFingerprint>>;

/**
 * Counts the rows of every table and hashes their content (each row as text, ordered by that text, so the checksum
 * does not depend on physical order). One statement for all tables, so the picture is one snapshot.
 */
export async function fingerprintDatabase(run: SqlRunner): Promise<DatabaseFingerprint> {
  const tables = (await run(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )) as Array<{ table_name: string }>;
  if (tables.length === 0) return {};
  const perTable = tables.map(
    ({ table_name: table }) =>
      `SELECT ${quoteLiteral(table)} AS table_name, count(*)::int AS row_count,
              md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS checksum
         FROM ${quoteIdentifier(table)} AS t`,
  );
  const rows = (await run(perTable.join('\nUNION ALL\n'))) as Array<{ table_name: string; row_count: number; checksum: string }>;
  return Object.fromEntries(rows.map((row) => [row.table_name, { rows: Number(row.row_count), md5: row.checksum }]));
}

/** Tables whose rows or content differ between two fingerprints (tables added or dropped count too). */
export function changedTables(before: DatabaseFingerprint, after: DatabaseFingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name]?.rows !== after[name]?.rows || before[name]?.md5 !== after[name]?.md5).sort();
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
