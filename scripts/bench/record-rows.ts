import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RecordKeySecret } from '#app/crypto';
import { parsePeriod, type PseudonymisedRecord } from '#app/standard';
import { LIST_SEPARATOR } from '#app/database';
import { HUB_RECORD_COLUMNS, recordColumns, sliceColumns, type RecordColumns } from '../../apps/hub/src/submissions/record-columns.js';
import { RETURN_COLUMNS, recordInsertParameters, recordInsertSql } from '../../apps/hub/src/submissions/submissions.repository.js';

/**
 * Records in the row shape of the hub's `hub_record` table, and the two fastest ways to write such rows with plain
 * SQL: batched `INSERT ... SELECT FROM unnest(...)` and `COPY ... FROM STDIN` (PostgreSQL only; PGlite's socket
 * cannot carry COPY). The benchmarks use them as baselines and to load records whose loading is not measured.
 */
export interface StoredRows {
  readonly count: number;
  readonly returnId: readonly string[];
  readonly country: readonly string[];
  readonly period: readonly string[];
  readonly year: readonly number[];
  readonly quarter: readonly (number | null)[];
  /** The standard's fields, leaf codes and record keys, exactly as the hub's intake computes them. */
  readonly columns: RecordColumns;
}

/** Columns of `hub_record` after the generated id, in table order: the hub's own lists. */
export const STORED_COLUMNS: readonly string[] = [...RETURN_COLUMNS, ...HUB_RECORD_COLUMNS].map(({ column }) => column);

/** The rows the hub would store for these records; `returnIdOf` names the accepted return each belongs to. */
export function storedRows(
  records: readonly PseudonymisedRecord[],
  secret: RecordKeySecret,
  returnIdOf: (record: PseudonymisedRecord) => string,
): StoredRows {
  const periods = new Map<string, { year: number; quarter: number | null }>();
  const timeOf = (text: string) => {
    let time = periods.get(text);
    if (time === undefined) {
      const period = parsePeriod(text);
      time = { year: period.year, quarter: period.kind === 'quarter' ? period.quarter : null };
      periods.set(text, time);
    }
    return time;
  };
  return {
    count: records.length,
    returnId: records.map(returnIdOf),
    country: records.map((record) => record.country),
    period: records.map((record) => record.period),
    year: records.map((record) => timeOf(record.period).year),
    quarter: records.map((record) => timeOf(record.period).quarter),
    columns: recordColumns(records, secret),
  };
}

/** Values of one row in `STORED_COLUMNS` order (lists of codes as lists). */
function rowValues(rows: StoredRows, index: number): (string | number | boolean | null | readonly string[])[] {
  const returnValues = [rows.returnId[index]!, rows.country[index]!, rows.period[index]!, rows.year[index]!, rows.quarter[index] ?? null];
  const recordValues = HUB_RECORD_COLUMNS.map(({ column, multiValued }) => {
    const value = rows.columns[column]?.[index] ?? null;
    return multiValued && typeof value === 'string' ? value.split(LIST_SEPARATOR) : value;
  });
  return [...returnValues, ...recordValues];
}

/**
 * Writes the rows with one `INSERT ... SELECT FROM unnest(...)` per batch of `batchRows` (one array per column); when
 * every row belongs to the same return, its id, country and period are sent once per batch, as the hub does.
 */
export async function insertByUnnest(client: pg.ClientBase, table: string, rows: StoredRows, batchRows: number): Promise<void> {
  const oneReturn = rows.count > 0 && rows.returnId.every((id, index) => id === rows.returnId[0] && rows.period[index] === rows.period[0]);
  const sql = recordInsertSql({ table, returnColumns: oneReturn ? 'scalars' : 'arrays' });
  for (let from = 0; from < rows.count; from += batchRows) {
    const to = Math.min(rows.count, from + batchRows);
    const slice = <T>(values: readonly T[]) => values.slice(from, to);
    const returnColumns = oneReturn
      ? [rows.returnId[0], rows.country[0], rows.period[0], rows.year[0], rows.quarter[0]]
      : [slice(rows.returnId), slice(rows.country), slice(rows.period), slice(rows.year), slice(rows.quarter)];
    await client.query(sql, [...returnColumns, ...recordInsertParameters(sliceColumns(rows.columns, from, to))]);
  }
}

/** Writes the rows with one `COPY ... FROM STDIN` in PostgreSQL's text format, streamed in chunks. */
export async function insertByCopy(client: pg.ClientBase, table: string, rows: StoredRows): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${STORED_COLUMNS.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyChunks(rows)), stream);
}

const CHUNK_ROWS = 2_000;

function* copyChunks(rows: StoredRows): Generator<string> {
  for (let from = 0; from < rows.count; from += CHUNK_ROWS) {
    const lines: string[] = [];
    for (let index = from; index < Math.min(rows.count, from + CHUNK_ROWS); index += 1) {
      lines.push(rowValues(rows, index).map(copyField).join('\t'));
    }
    yield `${lines.join('\n')}\n`;
  }
}

/** One field in COPY's text format: `\N` for null, `{a,b}` for a list of codes, backslash escapes otherwise. */
export function copyField(value: string | number | boolean | null | readonly string[]): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeCopyText(value);
  // Elements are code-list codes ([A-Z0-9_]), which need no quoting inside an array literal; anything else is refused.
  if (value.some((element) => !/^[A-Za-z0-9_]+$/.test(element))) throw new Error('a list element is not a plain code');
  return `{${value.join(',')}}`;
}

function escapeCopyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}
