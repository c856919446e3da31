import type { RecordKeySecret } from '@app/crypto';
import { recordKey } from '@app/disclosure';
import { isVictimStatus, type PseudonymisedRecord, type VictimRecord } from '@app/standard';
import { recordLeaves, type RecordLeaves } from '../releases/dimension-columns.js';

/** A return's records as one array per column, the shape of a batched `INSERT ... SELECT FROM unnest(...)`. */
export interface RecordColumns {
  readonly pseudonym: string[];
  readonly legalStatus: string[];
  readonly sex: string[];
  readonly ageGroup: string[];
  readonly citizenship: string[];
  /** Forms joined by commas: PostgreSQL arrays must be rectangular, so lists travel as text and are split in SQL. */
  readonly exploitation: string[];
  readonly labourSector: (string | null)[];
  readonly registeringOrganisation: (string | null)[];
  readonly crossBorder: string[];
  readonly residencePermit: (string | null)[];
  readonly reflectionPeriod: (number | null)[];
  readonly assistance: (boolean | null)[];
  readonly assistanceConditional: (boolean | null)[];
  readonly compensation: (string | null)[];
  readonly returned: (string | null)[];
  readonly ageDetailed: (string | null)[];
  readonly ageClass: (string | null)[];
  readonly citizen: (string | null)[];
  readonly regOrg: (string | null)[];
  readonly permit: (string | null)[];
  readonly compens: (string | null)[];
  readonly returnCode: (string | null)[];
  /** 52-bit record keys as decimal strings. */
  readonly recordKey: string[];
}

/**
 * The stored form of a validated return's records: the standard's fields, the record's leaf codes in the figure
 * catalogue (from `recordCoordinates`, so the release groups exactly as the catalogue says) and its record key.
 */
export function recordColumns(records: readonly PseudonymisedRecord[], secret: RecordKeySecret): RecordColumns {
  const columns: RecordColumns = {
    pseudonym: [],
    legalStatus: [],
    sex: [],
    ageGroup: [],
    citizenship: [],
    exploitation: [],
    labourSector: [],
    registeringOrganisation: [],
    crossBorder: [],
    residencePermit: [],
    reflectionPeriod: [],
    assistance: [],
    assistanceConditional: [],
    compensation: [],
    returned: [],
    ageDetailed: [],
    ageClass: [],
    citizen: [],
    regOrg: [],
    permit: [],
    compens: [],
    returnCode: [],
    recordKey: [],
  };
  // Leaves depend on a few coded fields, shared by many records: computed once per combination.
  const leavesByProfile = new Map<string, RecordLeaves>();
  for (const record of records) {
    const victim = isVictimStatus(record.legalStatus) ? (record as VictimRecord) : undefined;
    const protection = victim?.protection;
    const profile = leafProfile(record, victim);
    let leaves = leavesByProfile.get(profile);
    if (leaves === undefined) {
      leaves = recordLeaves(record);
      assertOwnField(leaves.leg_stat, [record.legalStatus], 'leg_stat');
      assertOwnField(leaves.sex, [record.sex], 'sex');
      assertOwnField(leaves.exploit, record.exploitation, 'exploit');
      leavesByProfile.set(profile, leaves);
    }
    columns.pseudonym.push(record.pseudonym);
    columns.legalStatus.push(record.legalStatus);
    columns.sex.push(record.sex);
    columns.ageGroup.push(record.ageGroup);
    columns.citizenship.push(record.citizenship);
    columns.exploitation.push(record.exploitation.join(','));
    columns.labourSector.push(record.labourSector ?? null);
    columns.registeringOrganisation.push(victim?.registeringOrganisation ?? null);
    columns.crossBorder.push(record.crossBorder);
    columns.residencePermit.push(protection?.residencePermit ?? null);
    columns.reflectionPeriod.push(protection?.reflectionPeriod ?? null);
    columns.assistance.push(protection?.assistance ?? null);
    columns.assistanceConditional.push(protection?.assistanceConditionalOnCooperation ?? null);
    columns.compensation.push(protection?.compensation ?? null);
    columns.returned.push(protection?.returned ?? null);
    columns.ageDetailed.push(single(leaves.age_detailed));
    columns.ageClass.push(single(leaves.age_class));
    columns.citizen.push(single(leaves.citizen));
    columns.regOrg.push(single(leaves.reg_org));
    columns.permit.push(single(leaves.permit));
    columns.compens.push(single(leaves.compens));
    columns.returnCode.push(single(leaves.return));
    columns.recordKey.push(recordKey(record.pseudonym, secret).toString());
  }
  return columns;
}

/**
 * Every field of a record that its leaves can depend on (all but the pseudonym and free-standing facts such as the
 * reflection period). Over-inclusive on purpose: a field that does not matter only makes the cache less shared.
 */
function leafProfile(record: PseudonymisedRecord, victim: VictimRecord | undefined): string {
  const protection = victim?.protection;
  return [
    record.country,
    record.period,
    record.legalStatus,
    record.sex,
    record.ageGroup,
    record.citizenship,
    record.exploitation.join(','),
    record.labourSector,
    record.crossBorder,
    victim?.registeringOrganisation,
    protection?.residencePermit,
    protection?.compensation,
    protection?.returned,
  ].join('|');
}

/** Rows `from` to `to` (exclusive) of every column. */
export function sliceColumns(columns: RecordColumns, from: number, to: number): RecordColumns {
  return Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, values.slice(from, to)])) as unknown as RecordColumns;
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
