import type { RecordKeySecret } from '#app/crypto';
import { arrayParameterValue, type ArrayParameterValue } from '#app/database';
import { recordKey } from '#app/disclosure';
import { RECORD_FIELD_DESCRIPTORS, recordFieldValue, type FieldSqlType, type PseudonymisedRecord } from '#app/standard';
import { DERIVED_LEAF_COLUMNS, LEAF_COLUMNS, recordLeaves, type RecordLeaves } from '../releases/dimension-columns.js';

export type StoredSqlType = FieldSqlType | 'bigint';

/** One column of `hub_record` that intake writes per record. */
export interface StoredColumn {
  readonly column: string;
  readonly sqlType: StoredSqlType;
  /** A list of codes (travels joined, see `joinedList` in libs/database). */
  readonly multiValued: boolean;
}

/**
 * The per-record columns of `hub_record` in stored order: the pseudonym, the standard's statistical fields (from their
 * descriptors), the record's derived leaf codes in the figure catalogue, and its record key (a 52-bit integer as a
 * decimal string). The return's country, period and time travel once per statement beside them.
 */
export const HUB_RECORD_COLUMNS: readonly StoredColumn[] = [
  { column: 'pseudonym', sqlType: 'text', multiValued: false },
  ...RECORD_FIELD_DESCRIPTORS.map(({ column, sqlType, multiValued }) => ({ column, sqlType, multiValued })),
  ...DERIVED_LEAF_COLUMNS.map((key) => ({ column: LEAF_COLUMNS[key].column, sqlType: 'text' as const, multiValued: false })),
  { column: 'record_key', sqlType: 'bigint', multiValued: false },
];

export type ColumnValue = ArrayParameterValue;

/** A return's records as one array per column of `HUB_RECORD_COLUMNS`, keyed by column: the shape of a batched unnest. */
export type RecordColumns = Readonly<Record<string, ColumnValue[]>>;

/** The fields a record's catalogue leaves can depend on: its coded ones (over-inclusive on purpose). */
const CODED_FIELDS = RECORD_FIELD_DESCRIPTORS.filter((field) => 'codes' in field);

/**
 * The stored form of a validated return's records: the standard's fields, the record's leaf codes in the figure
 * catalogue (from `recordCoordinates`, so the release groups exactly as the catalogue says) and its record key.
 */
export function recordColumns(records: readonly PseudonymisedRecord[], secret: RecordKeySecret): RecordColumns {
  const columns: Record<string, ColumnValue[]> = Object.fromEntries(HUB_RECORD_COLUMNS.map(({ column }) => [column, []]));
  const pseudonyms = columns['pseudonym'] as ColumnValue[];
  const recordKeys = columns['record_key'] as ColumnValue[];
  const fieldColumns = RECORD_FIELD_DESCRIPTORS.map((field) => ({ field, values: columns[field.column] as ColumnValue[] }));
  const leafColumns = DERIVED_LEAF_COLUMNS.map((key) => ({ key, values: columns[LEAF_COLUMNS[key].column] as ColumnValue[] }));
  // Leaves depend on a few coded fields, shared by many records: computed once per combination.
  const leavesByProfile = new Map<string, RecordLeaves>();
  for (const record of records) {
    const profile = leafProfile(record);
    let leaves = leavesByProfile.get(profile);
    if (leaves === undefined) {
      leaves = recordLeaves(record);
      assertOwnField(leaves.leg_stat, [record.legalStatus], 'leg_stat');
      assertOwnField(leaves.sex, [record.sex], 'sex');
      assertOwnField(leaves.exploit, record.exploitation, 'exploit');
      leavesByProfile.set(profile, leaves);
    }
    pseudonyms.push(record.pseudonym);
    for (const { field, values } of fieldColumns) values.push(arrayParameterValue(recordFieldValue(record, field)));
    for (const { key, values } of leafColumns) values.push(single(leaves[key]));
    recordKeys.push(recordKey(record.pseudonym, secret).toString());
  }
  return columns;
}

/** Every coded field of a record with its country and period: all its leaves can depend on. */
function leafProfile(record: PseudonymisedRecord): string {
  const parts: unknown[] = [record.country, record.period];
  for (const field of CODED_FIELDS) parts.push(arrayParameterValue(recordFieldValue(record, field)));
  return parts.join('|');
}

/** Rows `from` to `to` (exclusive) of every column. */
export function sliceColumns(columns: RecordColumns, from: number, to: number): RecordColumns {
  return Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, values.slice(from, to)]));
}

/** How many records the columns hold. */
export function columnRows(columns: RecordColumns): number {
  return columns['pseudonym']?.length ?? 0;
}

function single(codes: readonly string[] | undefined): string | null {
  if (codes === undefined) return null;
  if (codes.length !== 1) throw new Error('a single-valued catalogue dimension gave several leaf codes');
  return codes[0] ?? null;
}

/** Where the catalogue's leaf is the record's own field, the stored field must be that leaf. */
function assertOwnField(leaf: readonly string[] | undefined, field: readonly string[], key: string): void {
  if (leaf !== undefined && (leaf.length !== field.length || leaf.some((code, index) => code !== field[index]))) {
    throw new Error(`the catalogue's leaf codes of ${key} are no longer the record's own field; the hub's column mapping needs an update`);
  }
}
