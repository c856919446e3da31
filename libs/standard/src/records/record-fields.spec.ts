import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { schemasDir } from '../testing/test-paths.js';
import { SCHEMAS } from '../validation/schema-registry.js';
import { codeListsOf, isCodeOfField } from './field-code-lists.js';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS, RECORD_FIELD_DESCRIPTORS, isNullableField, recordFieldValue } from './record-fields.js';

type JsonObject = Record<string, unknown>;
const schema = JSON.parse(readFileSync(path.join(schemasDir, 'pseudonymised-record.schema.json'), 'utf8')) as JsonObject;
const properties = schema['properties'] as Record<string, JsonObject>;
const protectionProperties = (properties['protection']?.['properties'] ?? {}) as Record<string, JsonObject>;
const required = schema['required'] as string[];

/** What the schema says of one field, in the descriptor's terms. */
function described(property: JsonObject): { sqlType: string; multiValued: boolean; codes?: string } {
  const multiValued = property['type'] === 'array';
  const item = (multiValued ? property['items'] : property) as JsonObject;
  const ref = item['$ref'] as string | undefined;
  if (ref !== undefined) return { sqlType: 'text', multiValued, codes: ref.replace('codes.schema.json#/$defs/', '') };
  return { sqlType: item['type'] as string, multiValued };
}

/** Fields the schema forbids to offenders (a `not: {}` under the offender rule). */
function offenderForbidden(): string[] {
  const rules = schema['allOf'] as JsonObject[];
  return rules.flatMap((rule) => {
    const then = rule['then'] as { properties?: Record<string, JsonObject> } | undefined;
    const statuses = ((rule['if'] as JsonObject)['properties'] as Record<string, JsonObject> | undefined)?.['legalStatus']?.['enum'];
    if (!Array.isArray(statuses) || !statuses.includes('SUSPECT')) return [];
    return Object.entries(then?.properties ?? {})
      .filter(([, forbidden]) => JSON.stringify(forbidden['not']) === '{}')
      .map(([name]) => name);
  });
}

describe('record field descriptors', () => {
  it('describe exactly the statistical fields of pseudonymised-record.schema.json, with their types and code lists', () => {
    const envelope = ['pseudonym', 'country', 'period', 'consent', 'protection'];
    expect(CASE_FIELDS.map((field) => field.name).sort()).toEqual(
      Object.keys(properties)
        .filter((name) => !envelope.includes(name))
        .sort(),
    );
    expect(PROTECTION_FIELD_DESCRIPTORS.map((field) => field.name).sort()).toEqual(Object.keys(protectionProperties).sort());
    for (const field of RECORD_FIELD_DESCRIPTORS) {
      const property = (field.group === 'case' ? properties : protectionProperties)[field.name] ?? {};
      const codes = 'codes' in field ? field.codes : undefined;
      expect([field.name, { sqlType: field.sqlType, multiValued: field.multiValued, ...(codes === undefined ? {} : { codes }) }]).toEqual([
        field.name,
        described(property),
      ]);
    }
  });

  it('are required where the schema requires them, victims only where it forbids them to offenders', () => {
    expect(
      CASE_FIELDS.filter((field) => field.required)
        .map((field) => field.name)
        .sort(),
    ).toEqual(required.filter((name) => CASE_FIELDS.some((field) => field.name === name)).sort());
    const forbidden = offenderForbidden();
    for (const field of RECORD_FIELD_DESCRIPTORS) {
      expect([field.name, field.victimsOnly]).toEqual([field.name, forbidden.includes(field.group === 'case' ? field.name : 'protection')]);
    }
  });

  it('have one snake_case column each, no two alike', () => {
    const columns = RECORD_FIELD_DESCRIPTORS.map((field) => field.column);
    expect(new Set(columns).size).toBe(columns.length);
    for (const column of columns) expect(column).toMatch(/^[a-z][a-z_]*$/);
  });

  it('read a field from a record, protection facts from the protection block', () => {
    const record = { sex: 'F', protection: { assistance: true } };
    const field = (name: string) => RECORD_FIELD_DESCRIPTORS.find((candidate) => candidate.name === name)!;
    expect(recordFieldValue(record, field('sex'))).toBe('F');
    expect(recordFieldValue(record, field('assistance'))).toBe(true);
    expect(recordFieldValue(record, field('compensation'))).toBeUndefined();
    expect(recordFieldValue({ sex: 'M' }, field('assistance'))).toBeUndefined();
    expect(isNullableField(field('sex'))).toBe(false);
    expect(isNullableField(field('registeringOrganisation'))).toBe(true);
  });
});

describe('code lists of the fields', () => {
  it('every coded field names its lists in codes.schema.json, and their codes are the schema enum', () => {
    const definitions = SCHEMAS.codes.$defs as Record<string, { enum?: string[] }>;
    for (const field of RECORD_FIELD_DESCRIPTORS) {
      const lists = codeListsOf(field);
      if (!('codes' in field)) {
        expect(lists).toEqual([]);
        continue;
      }
      expect(lists.flatMap((list) => list.codes)).toEqual(definitions[field.codes]?.enum);
    }
    const citizenship = RECORD_FIELD_DESCRIPTORS.find((field) => field.name === 'citizenship');
    expect(citizenship && isCodeOfField(citizenship, 'STLS')).toBe(true);
    expect(citizenship && isCodeOfField(citizenship, 'XX')).toBe(false);
  });
});
