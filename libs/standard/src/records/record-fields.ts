import type { OffenderRecord, Protection, VictimRecord } from './pseudonymised-record.js';

/** How a field is stored in SQL, at the node (`registration`) and at the hub (`hub_record`). */
export type FieldSqlType = 'text' | 'integer' | 'boolean';

/**
 * One statistical field of the pseudonymised record (docs/DATA-STANDARD.md section 2): everything that varies from
 * registration to registration. The envelope fields (pseudonym, country, period, consent) are not here: a node
 * derives them from the person and the registration date, the hub from the return.
 */
export interface RecordFieldDescriptor {
  /** The field's key in the record; protection facts sit under `protection`. */
  readonly name: string;
  readonly group: 'case' | 'protection';
  /** Its column wherever it has one of its own (protection facts are one jsonb column at the node). */
  readonly column: string;
  readonly sqlType: FieldSqlType;
  /** Required by the record schema (victims-only fields are required of victims only, and nullable in storage). */
  readonly required: boolean;
  /** A list of codes (stored as a text array). */
  readonly multiValued: boolean;
  /** Only victims carry it (offender records must not). */
  readonly victimsOnly: boolean;
  /** Its definition in codes.schema.json when it is coded; its values then come from that code list. */
  readonly codes?: string;
  /** What a person entering the field needs to know (GraphQL descriptions). */
  readonly description?: string;
}

/**
 * The statistical fields in their stored order. Adding a field to the record is one line here (plus a migration of
 * each table): the node's columns, GraphQL types, import upsert and return rows and the hub's batched insert are
 * derived from this list, and specs fail when the schema files or a migrated database disagree with it.
 */
export const RECORD_FIELD_DESCRIPTORS = [
  {
    name: 'legalStatus',
    group: 'case',
    column: 'legal_status',
    sqlType: 'text',
    required: true,
    multiValued: false,
    victimsOnly: false,
    codes: 'legalStatus',
  },
  { name: 'sex', group: 'case', column: 'sex', sqlType: 'text', required: true, multiValued: false, victimsOnly: false, codes: 'sex' },
  {
    name: 'ageGroup',
    group: 'case',
    column: 'age_group',
    sqlType: 'text',
    required: true,
    multiValued: false,
    victimsOnly: false,
    codes: 'ageGroup',
  },
  {
    name: 'citizenship',
    group: 'case',
    column: 'citizenship',
    sqlType: 'text',
    required: true,
    multiValued: false,
    victimsOnly: false,
    codes: 'citizenship',
    description: 'Country code in Eurostat spelling (EL, UK), STLS or UNK.',
  },
  {
    name: 'exploitation',
    group: 'case',
    column: 'exploitation',
    sqlType: 'text',
    required: true,
    multiValued: true,
    victimsOnly: false,
    codes: 'exploitation',
  },
  {
    name: 'labourSector',
    group: 'case',
    column: 'labour_sector',
    sqlType: 'text',
    required: false,
    multiValued: false,
    victimsOnly: false,
    codes: 'naceSection',
    description: 'NACE section, only with LABOUR.',
  },
  {
    name: 'registeringOrganisation',
    group: 'case',
    column: 'registering_organisation',
    sqlType: 'text',
    required: false,
    multiValued: false,
    victimsOnly: true,
    codes: 'registeringOrganisation',
    description: 'Victims only.',
  },
  {
    name: 'crossBorder',
    group: 'case',
    column: 'cross_border',
    sqlType: 'text',
    required: true,
    multiValued: false,
    victimsOnly: false,
    codes: 'crossBorder',
  },
  {
    name: 'reflectionPeriod',
    group: 'protection',
    column: 'reflection_period',
    sqlType: 'integer',
    required: false,
    multiValued: false,
    victimsOnly: true,
    description: 'Days of reflection period granted.',
  },
  {
    name: 'residencePermit',
    group: 'protection',
    column: 'residence_permit',
    sqlType: 'text',
    required: false,
    multiValued: false,
    victimsOnly: true,
    codes: 'residencePermit',
  },
  {
    name: 'assistance',
    group: 'protection',
    column: 'assistance',
    sqlType: 'boolean',
    required: false,
    multiValued: false,
    victimsOnly: true,
  },
  {
    name: 'assistanceConditionalOnCooperation',
    group: 'protection',
    column: 'assistance_conditional',
    sqlType: 'boolean',
    required: false,
    multiValued: false,
    victimsOnly: true,
  },
  {
    name: 'compensation',
    group: 'protection',
    column: 'compensation',
    sqlType: 'text',
    required: false,
    multiValued: false,
    victimsOnly: true,
    codes: 'compensation',
  },
  {
    name: 'returned',
    group: 'protection',
    column: 'returned',
    sqlType: 'text',
    required: false,
    multiValued: false,
    victimsOnly: true,
    codes: 'return',
  },
] as const satisfies readonly RecordFieldDescriptor[];

export type RecordFieldDescriptors = typeof RECORD_FIELD_DESCRIPTORS;
export type AnyRecordField = RecordFieldDescriptors[number];
export type CaseField = Extract<AnyRecordField, { group: 'case' }>;
export type ProtectionField = Extract<AnyRecordField, { group: 'protection' }>;
export type CaseFieldName = CaseField['name'];
export type ProtectionFieldName = ProtectionField['name'];

/** Fields of the record itself, in stored order. */
export const CASE_FIELDS: readonly CaseField[] = RECORD_FIELD_DESCRIPTORS.filter((field): field is CaseField => field.group === 'case');
/** Facts of the `protection` block, in stored order. */
export const PROTECTION_FIELD_DESCRIPTORS: readonly ProtectionField[] = RECORD_FIELD_DESCRIPTORS.filter(
  (field): field is ProtectionField => field.group === 'protection',
);

/** The record keys every record has besides its statistical fields. */
type EnvelopeKey = 'pseudonym' | 'country' | 'period' | 'consent' | 'protection';
type RecordKey = keyof VictimRecord | keyof OffenderRecord;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The compiler rejects a field added to the record types (or removed) without its descriptor, and the reverse.
const caseFieldsAreTheRecords: Same<CaseFieldName, Exclude<RecordKey, EnvelopeKey>> = true;
const protectionFieldsAreProtections: Same<ProtectionFieldName, keyof Protection> = true;
void caseFieldsAreTheRecords;
void protectionFieldsAreProtections;

/** The TypeScript value of a field as SQL returns it (null where the field may be absent). */
export type StoredValue<F extends RecordFieldDescriptor> =
  | (F['sqlType'] extends 'integer' ? number : F['sqlType'] extends 'boolean' ? boolean : F['multiValued'] extends true ? string[] : string)
  | (F['required'] extends true ? (F['victimsOnly'] extends true ? null : never) : null);

/** Every case field with its stored value, keyed by field name. */
export type StoredCaseFields = { [F in CaseField as F['name']]: StoredValue<F> };
/** Every protection fact with its stored value (null when not recorded). */
export type StoredProtectionFields = { [F in ProtectionField as F['name']]: StoredValue<F> };

type OptionalCaseFieldName = { [Name in CaseFieldName]: null extends StoredCaseFields[Name] ? Name : never }[CaseFieldName];
/** The case fields as they arrive (GraphQL input, a stored row read back), not yet checked: optional ones may be absent. */
export type CaseFieldsInput = { readonly [Name in Exclude<CaseFieldName, OptionalCaseFieldName>]: StoredCaseFields[Name] } & {
  readonly [Name in OptionalCaseFieldName]?: StoredCaseFields[Name];
};
/** Protection facts as they arrive: each may be absent or null. */
export type ProtectionFieldsInput = { readonly [Name in ProtectionFieldName]?: StoredProtectionFields[Name] };

/** A field is nullable in storage when the record may lack it. */
export function isNullableField(field: RecordFieldDescriptor): boolean {
  return !field.required || field.victimsOnly;
}

/** The field's value in a record (a list of codes as given), undefined when the record lacks it. */
export function recordFieldValue(record: object, field: RecordFieldDescriptor): unknown {
  const holder = field.group === 'protection' ? (record as { protection?: object }).protection : record;
  return holder === undefined ? undefined : (holder as Record<string, unknown>)[field.name];
}

/** The case fields of a record, a stored row or an input, as stored: absent is null, lists copied. */
export function caseFieldsOf(source: object): StoredCaseFields {
  return Object.fromEntries(CASE_FIELDS.map((field) => [field.name, storedCopy(recordFieldValue(source, field))])) as StoredCaseFields;
}

/** Every protection fact of a block, null where it has none. */
export function protectionFieldsOf(protection: object): StoredProtectionFields {
  return Object.fromEntries(
    PROTECTION_FIELD_DESCRIPTORS.map((field) => [field.name, storedCopy((protection as Record<string, unknown>)[field.name])]),
  ) as StoredProtectionFields;
}

function storedCopy(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}
