import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { splitListSql } from '#app/database';
import { HUB_RECORD_COLUMNS, columnRows, sliceColumns, type RecordColumns } from './record-columns.js';
import { SubmissionEntity } from './submission.entity.js';

/** Rows per INSERT (one array per column of this length): measured a little faster than 20 000 on the embedded database. */
const INSERT_BATCH_ROWS = 5_000;

/** Columns of `hub_record` that belong to the return, not to a record: sent once per statement. */
export const RETURN_COLUMNS = [
  { column: 'return_id', sqlType: 'uuid' },
  { column: 'country', sqlType: 'text' },
  { column: 'period', sqlType: 'text' },
  { column: 'year', sqlType: 'smallint' },
  { column: 'quarter', sqlType: 'smallint' },
] as const;

/** Where a return's records are stored: `hub_record` at the hub, a scratch table of the same shape in benchmarks. */
export interface RecordInsertTarget {
  readonly table: string;
  /** `scalars`: the return's columns are one value per statement; `arrays`: one per record (many returns at once). */
  readonly returnColumns: 'scalars' | 'arrays';
}

/**
 * The batched `INSERT ... SELECT FROM unnest(...)` of records, derived from the column list: parameters are the return
 * columns, then one array per record column in `HUB_RECORD_COLUMNS` order.
 */
export function recordInsertSql({ table, returnColumns }: RecordInsertTarget): string {
  const recordNames = HUB_RECORD_COLUMNS.map(({ column }) => column);
  const recordValues = HUB_RECORD_COLUMNS.map(({ column, multiValued }) => (multiValued ? splitListSql(`r.${column}`) : `r.${column}`));
  const first = RETURN_COLUMNS.length + 1;
  const recordArrays = HUB_RECORD_COLUMNS.map(({ sqlType }, index) => `$${first + index}::${sqlType}[]`);
  const names = [...RETURN_COLUMNS.map(({ column }) => column), ...recordNames].join(', ');
  if (returnColumns === 'scalars') {
    return `INSERT INTO ${table} (${names})
  SELECT ${RETURN_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')}, ${recordValues.join(', ')}
    FROM unnest(${recordArrays.join(', ')}) AS r(${recordNames.join(', ')})`;
  }
  const returnArrays = RETURN_COLUMNS.map(({ sqlType }, index) => `$${index + 1}::${sqlType}[]`);
  return `INSERT INTO ${table} (${names})
  SELECT ${RETURN_COLUMNS.map(({ column }) => `r.${column}`).join(', ')}, ${recordValues.join(', ')}
    FROM unnest(${[...returnArrays, ...recordArrays].join(', ')}) AS r(${names})`;
}

/** The parameters of `recordInsertSql` after the return columns, in column order. */
export function recordInsertParameters(columns: RecordColumns): unknown[] {
  return HUB_RECORD_COLUMNS.map(({ column }) => columns[column]);
}

const INSERT_RECORDS_SQL = recordInsertSql({ table: 'hub_record', returnColumns: 'scalars' });

/** The return's envelope as `hub_record` stores it beside each record. */
export interface StoredReturn {
  readonly returnId: string;
  readonly country: string;
  readonly period: string;
  readonly year: number;
  readonly quarter: number | null;
}

/** The latest accepted return of a country for a period, with how many revisions were accepted. */
export interface LatestSubmissionRow {
  readonly country: string;
  readonly nodeId: string;
  readonly returnId: string;
  readonly revision: number;
  readonly receivedAt: Date;
  readonly recordCount: number;
  readonly withheld: number;
  readonly acceptedCount: number;
  /** Records of that return the hub still holds: fewer than declared once persons revoked consent. */
  readonly recordsInForce: number;
  readonly confirmedZero: boolean;
}

/** SQL of return intake: accepted returns and their records. */
@Injectable()
export class SubmissionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findSubmission(manager: EntityManager, returnId: string): Promise<SubmissionEntity | null> {
    return manager.findOneBy(SubmissionEntity, { returnId });
  }

  async acceptedRevision(manager: EntityManager, country: string, period: string): Promise<number | null> {
    const [row]: { accepted: number | null }[] = await manager.query(
      'SELECT max(revision) AS accepted FROM hub_submission WHERE country = $1 AND period = $2',
      [country, period],
    );
    return row?.accepted ?? null;
  }

  async insertSubmission(manager: EntityManager, submission: SubmissionEntity): Promise<void> {
    await manager.insert(SubmissionEntity, submission);
  }

  /** Stores a return's records in batches, inside the caller's transaction. */
  async insertRecords(manager: EntityManager, stored: StoredReturn, columns: RecordColumns): Promise<void> {
    const returnValues = [stored.returnId, stored.country, stored.period, stored.year, stored.quarter];
    for (let from = 0; from < columnRows(columns); from += INSERT_BATCH_ROWS) {
      const batch = sliceColumns(columns, from, from + INSERT_BATCH_ROWS);
      await manager.query(INSERT_RECORDS_SQL, [...returnValues, ...recordInsertParameters(batch)]);
    }
  }

  /** Deletes the records of a country and period that another return than `keptReturnId` stored. */
  async deleteReplacedRecords(manager: EntityManager, country: string, period: string, keptReturnId: string): Promise<void> {
    await manager.query('DELETE FROM hub_record WHERE country = $1 AND period = $2 AND return_id <> $3', [country, period, keptReturnId]);
  }

  /** Per country, the highest accepted revision for the period. */
  async latestSubmissions(period: string): Promise<LatestSubmissionRow[]> {
    const rows: {
      country: string;
      node_id: string;
      return_id: string;
      revision: number;
      received_at: Date;
      record_count: number;
      withheld: number;
      accepted: string;
      in_force: string;
      confirmed_zero: boolean;
    }[] = await this.dataSource.query(
      `SELECT latest.*,
              (SELECT count(*) FROM hub_record r WHERE r.country = latest.country AND r.period = $1 AND r.return_id = latest.return_id)
                AS in_force
         FROM (SELECT DISTINCT ON (country) country, node_id, return_id, revision, received_at, record_count, confirmed_zero,
                      withheld_no_consent + withheld_invalid AS withheld, count(*) OVER (PARTITION BY country) AS accepted
                 FROM hub_submission WHERE period = $1 ORDER BY country, revision DESC) latest`,
      [period],
    );
    return rows.map((row) => ({
      country: row.country,
      nodeId: row.node_id,
      returnId: row.return_id,
      revision: row.revision,
      receivedAt: row.received_at,
      recordCount: row.record_count,
      withheld: row.withheld,
      acceptedCount: Number(row.accepted),
      recordsInForce: Number(row.in_force),
      confirmedZero: row.confirmed_zero,
    }));
  }
}
