import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { STANDARD_VERSION } from '../standard-version.js';
import { PROTECTION_FIELDS, RECORD_FIELDS } from '../records/pseudonymised-record.js';
import { RETURN_FIELDS } from '../records/quarterly-return.js';
import { REVOCATION_FIELDS } from '../records/revocation-notice.js';
import { COUNTRY_METADATA_FIELDS } from '../records/country-metadata.js';
import { schemasDir } from '../testing/test-paths.js';
import { RULE_MESSAGES } from '../validation/record-rules.js';
import { compiledSchemas } from '../validation/schema-registry.js';
import { CODE_LABEL_LANGUAGES, defineCodeList, isCodeOf, labelIn, labelOf } from './code-list.js';
import {
  AGE_GROUP_CODES,
  CODE_LISTS,
  COUNTRY,
  COUNTRY_GROUP,
  EU_MEMBERSHIP,
  EXPLOITATION,
  EXPLOITATION_CODES,
  LEGAL_STATUS_CODES,
  OBSERVATION_FLAG_CODES,
  OFFENDER_STATUSES,
  SEX,
  SEX_CODES,
  VICTIM_STATUSES,
  isCitizenship,
  isCountryCode,
} from './code-lists.js';
import { COUNTRY_CODES } from './country-codes.js';

interface CodeListFile {
  standardVersion: string;
  id: string;
  codes: { code: string; label: string; iso?: string; validFrom?: string; validTo?: string; members?: string[] }[];
}

type JsonObject = Record<string, unknown>;

const codeListDir = path.join(schemasDir, 'code-lists');
const codeListFiles: CodeListFile[] = readdirSync(codeListDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(path.join(codeListDir, name), 'utf8')) as CodeListFile);
const schemaFiles: Record<string, JsonObject> = Object.fromEntries(
  readdirSync(schemasDir)
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => [name, JSON.parse(readFileSync(path.join(schemasDir, name), 'utf8')) as JsonObject]),
);
const codesDefs = (schemaFiles['codes.schema.json']?.['$defs'] ?? {}) as Record<string, JsonObject>;

function fileCodes(id: string): string[] {
  const file = codeListFiles.find((candidate) => candidate.id === id);
  if (file === undefined) throw new Error(`no code list file ${id}`);
  return file.codes.map((entry) => entry.code);
}

describe('code list files', () => {
  it('each file is named after its id, follows code-list.schema.json and carries the standard version', () => {
    const validate = compiledSchemas().codeList;
    for (const name of readdirSync(codeListDir).filter((file) => file.endsWith('.json'))) {
      const file = JSON.parse(readFileSync(path.join(codeListDir, name), 'utf8')) as CodeListFile;
      expect(`${file.id}.json`).toBe(name);
      expect(validate(file) ? [] : validate.errors).toEqual([]);
      expect(file.standardVersion).toBe(STANDARD_VERSION);
      expect(new Set(file.codes.map((entry) => entry.code)).size).toBe(file.codes.length);
    }
  });

  it('every file is compiled into the library with the same codes in the same order', () => {
    expect(Object.keys(CODE_LISTS).sort()).toEqual(codeListFiles.map((file) => file.id).sort());
    for (const file of codeListFiles) {
      expect(CODE_LISTS[file.id]?.codes).toEqual(file.codes.map((entry) => entry.code));
      expect(CODE_LISTS[file.id]?.entries.map((entry) => entry.label)).toEqual(file.codes.map((entry) => entry.label));
    }
  });

  it('the TypeScript unions equal the files', () => {
    expect(fileCodes('sex')).toEqual([...SEX_CODES]);
    expect(fileCodes('age-group')).toEqual([...AGE_GROUP_CODES]);
    expect(fileCodes('exploitation')).toEqual([...EXPLOITATION_CODES]);
    expect(fileCodes('legal-status')).toEqual([...LEGAL_STATUS_CODES]);
    expect(fileCodes('country')).toEqual([...COUNTRY_CODES]);
    expect(fileCodes('observation-flag')).toEqual([...OBSERVATION_FLAG_CODES]);
    expect([...VICTIM_STATUSES, ...OFFENDER_STATUSES].sort()).toEqual([...LEGAL_STATUS_CODES].sort());
  });

  it('loading refuses a file that drifted from the compiled codes', () => {
    const drifted = {
      standardVersion: '1.0.0',
      id: 'sex',
      title: 'Sex',
      codes: [
        { code: 'F', label: 'Female', labels: { fr: 'Femme', de: 'Weiblich' } },
        { code: 'X', label: 'X', labels: { fr: 'X', de: 'X' } },
      ],
    };
    expect(() => defineCodeList(drifted, SEX_CODES)).toThrow("code list 'sex' differs");
    expect(() => defineCodeList({ ...drifted, codes: [...SEX.entries].reverse() }, SEX_CODES)).toThrow('differs');
  });

  it('looks codes up and labels them', () => {
    expect(isCodeOf(SEX, 'F')).toBe(true);
    expect(isCodeOf(SEX, 'f')).toBe(false);
    expect(labelOf(SEX, 'UNK')).toBe('Unknown');
    expect(() => labelOf(SEX, 'X' as 'F')).toThrow("'X' is not in code list 'sex'");
    expect(labelIn(SEX, 'F', 'en')).toBe('Female');
    expect(labelIn(SEX, 'F', 'fr')).toBe('Femme');
    expect(labelIn(EXPLOITATION, 'SEXUAL', 'de')).toBe('Sexuelle Ausbeutung');
  });

  it('every code of every list has a label in each publishing language, and no list is an untranslated copy', () => {
    const missing: string[] = [];
    for (const list of Object.values(CODE_LISTS)) {
      for (const entry of list.entries) {
        for (const language of CODE_LABEL_LANGUAGES) {
          if (labelIn(list, entry.code, language).trim() === '') missing.push(`${list.id} ${entry.code} ${language}`);
        }
      }
      for (const language of CODE_LABEL_LANGUAGES.filter((candidate) => candidate !== 'en')) {
        const translated = list.entries.filter((entry) => labelIn(list, entry.code, language) !== entry.label).length;
        if (translated === 0) missing.push(`${list.id}: no ${language} label differs from the English`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('country list', () => {
  it('has the 249 ISO 3166-1 countries in Eurostat spelling plus XK', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(isCountryCode('EL')).toBe(true);
    expect(isCountryCode('UK')).toBe(true);
    expect(isCountryCode('GR')).toBe(false);
    expect(isCountryCode('GB')).toBe(false);
    expect(COUNTRY.byCode.get('EL')).toMatchObject({ label: 'Greece', iso: 'GR' });
    expect(COUNTRY.byCode.get('UK')).toMatchObject({ label: 'United Kingdom', iso: 'GB' });
    expect(COUNTRY.byCode.get('XK')?.label).toBe('Kosovo');
    expect(COUNTRY.entries.filter((entry) => entry.iso !== undefined).map((entry) => entry.code)).toEqual(['EL', 'UK']);
  });

  it('every ISO code is a region the Unicode CLDR knows, with an English name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    for (const entry of COUNTRY.entries) {
      const iso = entry.iso ?? entry.code;
      expect([iso, names.of(iso) !== iso]).toEqual([iso, true]);
      expect(entry.label.length).toBeGreaterThan(2);
    }
  });

  it('citizenship accepts countries, STLS and UNK', () => {
    expect(isCitizenship('PH')).toBe(true);
    expect(isCitizenship('STLS')).toBe(true);
    expect(isCitizenship('UNK')).toBe(true);
    expect(isCitizenship('XX')).toBe(false);
  });
});

describe('EU membership and groups', () => {
  it('dates memberships, the United Kingdom ending on 31 January 2020 and Croatia joining on 1 July 2013', () => {
    expect(EU_MEMBERSHIP.byCode.get('UK')).toMatchObject({ validFrom: '1973-01-01', validTo: '2020-01-31' });
    expect(EU_MEMBERSHIP.byCode.get('HR')).toMatchObject({ validFrom: '2013-07-01' });
    expect(EU_MEMBERSHIP.byCode.get('HR')?.validTo).toBeUndefined();
    expect(EU_MEMBERSHIP.codes.every((code) => isCountryCode(code))).toBe(true);
  });

  it('EU27_2020 is exactly the current members', () => {
    const current = EU_MEMBERSHIP.entries
      .filter((entry) => entry.validTo === undefined)
      .map((entry) => entry.code)
      .sort();
    expect(current).toHaveLength(27);
    expect(COUNTRY_GROUP.byCode.get('EU27_2020')?.members).toEqual(current);
  });
});

describe('schemas agree with the code lists and the types', () => {
  it('every schema is draft 2020-12 and carries the standard version', () => {
    for (const [name, schema] of Object.entries(schemaFiles)) {
      expect([name, schema['$schema']]).toEqual([name, 'https://json-schema.org/draft/2020-12/schema']);
      expect([name, schema['x-standardVersion']]).toEqual([name, STANDARD_VERSION]);
    }
  });

  it('each enum of codes.schema.json equals its code list(s)', () => {
    const checked: string[] = [];
    for (const [name, definition] of Object.entries(codesDefs)) {
      const lists = definition['x-codeList'];
      if (lists === undefined) continue;
      const ids = Array.isArray(lists) ? (lists as string[]) : [lists as string];
      let expected = ids.flatMap((id) => fileCodes(id));
      if (name === 'breakdown') expected = expected.filter((code) => code !== 'geo' && code !== 'time');
      expect([name, definition['enum']]).toEqual([name, expected]);
      checked.push(name);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'country',
        'citizenship',
        'legalStatus',
        'sex',
        'ageGroup',
        'exploitation',
        'naceSection',
        'registeringOrganisation',
        'crossBorder',
        'residencePermit',
        'compensation',
        'return',
        'legalDefinition',
        'identificationThreshold',
        'breakdown',
      ]),
    );
  });

  it('the record types have exactly the fields of the schemas, required ones required', () => {
    const cases: [string, Readonly<Record<string, boolean>>][] = [
      ['pseudonymised-record.schema.json', RECORD_FIELDS],
      ['quarterly-return.schema.json', RETURN_FIELDS],
      ['revocation-notice.schema.json', REVOCATION_FIELDS],
      ['country-metadata.schema.json', COUNTRY_METADATA_FIELDS],
    ];
    for (const [name, fields] of cases) {
      const schema = schemaFiles[name] ?? {};
      expect(Object.keys(schema['properties'] as JsonObject).sort()).toEqual(Object.keys(fields).sort());
      expect([...(schema['required'] as string[])].sort()).toEqual(
        Object.keys(fields)
          .filter((field) => fields[field])
          .sort(),
      );
    }
    const protection = (schemaFiles['pseudonymised-record.schema.json']?.['properties'] as Record<string, JsonObject>)['protection'];
    expect(Object.keys(protection?.['properties'] as JsonObject).sort()).toEqual(Object.keys(PROTECTION_FIELDS).sort());
  });

  it('the rules of the record schema say what recordRuleViolations says', () => {
    const text = readFileSync(path.join(schemasDir, 'pseudonymised-record.schema.json'), 'utf8');
    for (const message of Object.values(RULE_MESSAGES)) expect(text).toContain(JSON.stringify(message));
  });
});
