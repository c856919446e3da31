import { describe, expect, it } from '@jest/globals';
import { LEGAL_STATUS_CODES } from '../code-lists/code-lists.js';
import { quarterlyReturn, testPseudonym, victimRecord } from '../testing/test-records.js';
import { recordRuleViolations } from './record-rules.js';
import { compiledSchemas } from './schema-registry.js';
import { type ValidationError, type ValidationResult, ValidationErrorCode } from './validation-error.js';
import { validateCountryMetadata, validateRecord, validateReturn, validateRevocation } from './validators.js';

function errorsOf(result: ValidationResult<unknown>): { pointer: string; code: string }[] {
  return result.ok ? [] : result.errors.map(({ pointer, code }) => ({ pointer, code }));
}

function messagesOf(result: ValidationResult<unknown>): readonly ValidationError[] {
  return result.ok ? [] : result.errors;
}

describe('validateRecord', () => {
  it('accepts a complete victim record and an offender record', () => {
    expect(errorsOf(validateRecord(victimRecord()))).toEqual([]);
    expect(
      validateRecord(victimRecord({ protection: { residencePermit: 'TEMPORARY_COOPERATION', reflectionPeriod: 90, assistance: true } })).ok,
    ).toBe(true);
    const offender = { ...victimRecord({ legalStatus: 'CONVICTED', sex: 'M' }) } as Record<string, unknown>;
    delete offender['registeringOrganisation'];
    expect(errorsOf(validateRecord(offender))).toEqual([]);
    expect(validateRecord(victimRecord({ period: '2016' })).ok).toBe(true);
    expect(validateRecord(victimRecord({ ageGroup: 'Y_LT18', citizenship: 'STLS' })).ok).toBe(true);
  });

  it('reports every missing field with its pointer', () => {
    expect(errorsOf(validateRecord({}))).toEqual(
      ['pseudonym', 'country', 'period', 'legalStatus', 'sex', 'ageGroup', 'citizenship', 'exploitation', 'crossBorder', 'consent'].map(
        (field) => ({ pointer: `/${field}`, code: 'REQUIRED' }),
      ),
    );
    expect(errorsOf(validateRecord(victimRecord({ consent: { statistics: true } })))).toEqual([
      { pointer: '/consent/international', code: 'REQUIRED' },
    ]);
  });

  it('reports unknown codes, types and formats, all at once', () => {
    const result = validateRecord(
      victimRecord({
        sex: 'female',
        country: 'GR',
        citizenship: 'GB',
        exploitation: ['SEXUAL', 'SLAVERY'],
        period: '2026-Q5',
        pseudonym: 'short',
        crossBorder: 3,
        consent: { statistics: 'yes', international: true },
      }),
    );
    expect(errorsOf(result)).toEqual(
      expect.arrayContaining([
        { pointer: '/sex', code: 'UNKNOWN_CODE' },
        { pointer: '/country', code: 'UNKNOWN_CODE' },
        { pointer: '/citizenship', code: 'UNKNOWN_CODE' },
        { pointer: '/exploitation/1', code: 'UNKNOWN_CODE' },
        { pointer: '/period', code: 'FORMAT' },
        { pointer: '/pseudonym', code: 'FORMAT' },
        { pointer: '/crossBorder', code: 'TYPE' },
        { pointer: '/consent/statistics', code: 'TYPE' },
      ]),
    );
    const messages = messagesOf(result);
    expect(messages.find((error) => error.pointer === '/sex')?.message).toBe('sex: not a code of code list sex: F, M, OTHER, UNK');
    expect(messages.find((error) => error.pointer === '/country')?.message).toContain('EL for Greece');
    expect(messages.find((error) => error.pointer === '/period')?.message).toBe('period must be YYYY-Qn or YYYY');
  });

  it('refuses a pseudonym that is not the canonical encoding of 32 bytes', () => {
    const good = testPseudonym('x');
    expect(validateRecord(victimRecord({ pseudonym: good })).ok).toBe(true);
    const nonCanonicalLast = `${good.slice(0, 42)}B`;
    expect(errorsOf(validateRecord(victimRecord({ pseudonym: nonCanonicalLast })))).toEqual([{ pointer: '/pseudonym', code: 'FORMAT' }]);
    expect(validateRecord(victimRecord({ pseudonym: `${good}=` })).ok).toBe(false);
  });

  it('refuses fields outside the standard, so identity cannot ride along', () => {
    expect(errorsOf(validateRecord(victimRecord({ familyName: 'x' } as never)))).toEqual([
      { pointer: '/familyName', code: 'UNKNOWN_FIELD' },
    ]);
    expect(errorsOf(validateRecord(victimRecord({ protection: { notes: 'x' } })))).toEqual([
      { pointer: '/protection/notes', code: 'UNKNOWN_FIELD' },
    ]);
    expect(errorsOf(validateRecord(victimRecord({ protection: {} })))).toEqual([{ pointer: '/protection', code: 'TOO_FEW' }]);
  });

  it('applies the cross-field rules with their own codes', () => {
    expect(errorsOf(validateRecord(victimRecord({ labourSector: 'A' })))).toEqual([
      { pointer: '/labourSector', code: 'LABOUR_SECTOR_WITHOUT_LABOUR' },
    ]);
    expect(validateRecord(victimRecord({ labourSector: 'A', exploitation: ['SEXUAL', 'LABOUR'] })).ok).toBe(true);
    expect(errorsOf(validateRecord(victimRecord({ legalStatus: 'SUSPECT', protection: { assistance: true } })))).toEqual([
      { pointer: '/registeringOrganisation', code: 'VICTIMS_ONLY' },
      { pointer: '/protection', code: 'VICTIMS_ONLY' },
    ]);
    const noOrganisation = { ...victimRecord() } as Record<string, unknown>;
    delete noOrganisation['registeringOrganisation'];
    const result = validateRecord(noOrganisation);
    expect(errorsOf(result)).toEqual([{ pointer: '/registeringOrganisation', code: 'REQUIRED' }]);
    expect(messagesOf(result)[0]?.message).toContain('UNK if unknown');
  });

  it('checks list shape: at least one form, no form twice', () => {
    expect(errorsOf(validateRecord(victimRecord({ exploitation: [] })))).toEqual([{ pointer: '/exploitation', code: 'TOO_FEW' }]);
    expect(errorsOf(validateRecord(victimRecord({ exploitation: ['SEXUAL', 'LABOUR', 'SEXUAL'] })))).toEqual([
      { pointer: '/exploitation/2', code: 'DUPLICATE_ITEM' },
    ]);
    expect(errorsOf(validateRecord(victimRecord({ protection: { reflectionPeriod: -1 } })))).toEqual([
      { pointer: '/protection/reflectionPeriod', code: 'OUT_OF_RANGE' },
    ]);
  });

  it('never quotes the offending value in a message', () => {
    const identity = 'Maria Schmidt 1990-04-12';
    const result = validateRecord(
      victimRecord({
        sex: identity,
        country: identity,
        citizenship: identity,
        period: identity,
        pseudonym: identity,
        labourSector: identity,
        exploitation: [identity],
        crossBorder: identity,
        ageGroup: identity,
        legalStatus: identity,
        [identity]: identity,
      } as never),
    );
    expect(result.ok).toBe(false);
    for (const error of messagesOf(result)) {
      expect(error.message).not.toContain('Maria');
      expect(error.message).not.toContain('1990');
    }
  });

  it('states in the schema exactly the rules recordRuleViolations applies', () => {
    // Every combination of the fields the rules read: the schema alone and the TypeScript rules must agree.
    const validate = compiledSchemas().record;
    const ruleFields = ['/registeringOrganisation', '/protection', '/labourSector'];
    const statuses = [...LEGAL_STATUS_CODES, undefined];
    const forms = [['SEXUAL'], ['LABOUR'], ['SEXUAL', 'LABOUR'], undefined];
    let combinations = 0;
    for (const legalStatus of statuses) {
      for (const exploitation of forms) {
        for (const labourSector of ['C', undefined]) {
          for (const registeringOrganisation of ['NGO', undefined]) {
            for (const protection of [{ assistance: true }, undefined]) {
              const record: Record<string, unknown> = { ...victimRecord() };
              for (const [field, value] of Object.entries({
                legalStatus,
                exploitation,
                labourSector,
                registeringOrganisation,
                protection,
              })) {
                if (value === undefined) delete record[field];
                else record[field] = value;
              }
              const byPointer = (a: { pointer: string }, b: { pointer: string }): number => a.pointer.localeCompare(b.pointer);
              const fromRules = recordRuleViolations(record)
                .map(({ pointer, code }) => ({ pointer, code }))
                .sort(byPointer);
              const fromSchema = errorsOf(validateRecord(record))
                .filter((error) => ruleFields.includes(error.pointer))
                .sort(byPointer);
              expect({ record, errors: fromSchema }).toEqual({ record, errors: fromRules });
              // Missing legalStatus or exploitation is the only other problem these records can have.
              const otherErrors = errorsOf(validateRecord(record)).filter((error) => !ruleFields.includes(error.pointer));
              expect(otherErrors.every((error) => error.code === 'REQUIRED')).toBe(true);
              expect(validate(record)).toBe(fromRules.length === 0 && otherErrors.length === 0);
              combinations += 1;
            }
          }
        }
      }
    }
    expect(combinations).toBe(6 * 4 * 2 * 2 * 2);
  });
});

describe('validateReturn', () => {
  const records = [victimRecord({ pseudonym: testPseudonym(1) }), victimRecord({ pseudonym: testPseudonym(2), sex: 'M' })];

  it('accepts a return of records of its country and period', () => {
    expect(errorsOf(validateReturn(quarterlyReturn(records)))).toEqual([]);
    expect(validateReturn(quarterlyReturn([], { notes: 'Figures for Q3 are provisional.' })).ok).toBe(true);
    expect(validateReturn(quarterlyReturn([victimRecord({ period: '2016' })], { period: '2016' })).ok).toBe(true);
  });

  it('refuses a period before the first year the standard reports, at the period', () => {
    for (const period of ['1899', '1900-Q1', '1999-Q4']) {
      const result = validateReturn(quarterlyReturn([], { period }));
      expect([period, errorsOf(result)]).toEqual([period, [expect.objectContaining({ pointer: '/period', code: 'OUT_OF_RANGE' })]]);
    }
    expect(validateReturn(quarterlyReturn([], { period: '2000-Q1' })).ok).toBe(true);
  });

  it('takes a confirmed true zero only on a return with no record and nothing withheld', () => {
    const nothing = { noConsent: 0, invalid: 0 };
    expect(validateReturn(quarterlyReturn([], { withheld: nothing, confirmedZero: true })).ok).toBe(true);
    expect(errorsOf(validateReturn(quarterlyReturn(records, { withheld: nothing, confirmedZero: true })))).toEqual([
      { pointer: '/confirmedZero', code: 'ZERO_NOT_EMPTY' },
    ]);
    expect(errorsOf(validateReturn(quarterlyReturn([], { withheld: { noConsent: 1, invalid: 0 }, confirmedZero: true })))).toEqual([
      { pointer: '/confirmedZero', code: 'ZERO_NOT_EMPTY' },
    ]);
    // The field states a zero; it is absent otherwise, never false.
    expect(errorsOf(validateReturn(quarterlyReturn([], { withheld: nothing, confirmedZero: false })))).toEqual([
      { pointer: '/confirmedZero', code: 'INVALID' },
    ]);
  });

  it('checks the envelope', () => {
    const result = validateReturn(
      quarterlyReturn(records, {
        standardVersion: '0.9.0',
        returnId: 'not-a-uuid',
        revision: 0,
        generatedAt: 'yesterday',
        withheld: { noConsent: -1 },
        nodeId: '-x',
      }),
    );
    expect(errorsOf(result)).toEqual(
      expect.arrayContaining([
        { pointer: '/standardVersion', code: 'UNSUPPORTED_VERSION' },
        { pointer: '/returnId', code: 'FORMAT' },
        { pointer: '/revision', code: 'OUT_OF_RANGE' },
        { pointer: '/generatedAt', code: 'FORMAT' },
        { pointer: '/withheld/noConsent', code: 'OUT_OF_RANGE' },
        { pointer: '/withheld/invalid', code: 'REQUIRED' },
        { pointer: '/nodeId', code: 'FORMAT' },
      ]),
    );
  });

  it('bounds revision and withheld counts to what a 32-bit column holds', () => {
    // Found by the reliability corpus: revision 2^31 passed the standard and failed at the hub's database.
    const result = validateReturn(quarterlyReturn(records, { revision: 2 ** 31, withheld: { noConsent: 1e10, invalid: 2 ** 31 } }));
    expect(errorsOf(result)).toEqual([
      { pointer: '/revision', code: 'OUT_OF_RANGE' },
      { pointer: '/withheld/noConsent', code: 'OUT_OF_RANGE' },
      { pointer: '/withheld/invalid', code: 'OUT_OF_RANGE' },
    ]);
    expect(validateReturn(quarterlyReturn(records, { revision: 2 ** 31 - 1 })).ok).toBe(true);
  });

  it('points into the records', () => {
    const result = validateReturn(quarterlyReturn([...records, victimRecord({ pseudonym: testPseudonym(3), sex: 'X' })]));
    expect(errorsOf(result)).toEqual([{ pointer: '/records/2/sex', code: 'UNKNOWN_CODE' }]);
  });

  it('requires every record to have the envelope country and period', () => {
    const result = validateReturn(
      quarterlyReturn([
        records[0],
        victimRecord({ pseudonym: testPseudonym(4), country: 'AT' }),
        victimRecord({ pseudonym: testPseudonym(5), period: '2026-Q2' }),
        victimRecord({ pseudonym: testPseudonym(6), period: '2026' }),
      ]),
    );
    expect(errorsOf(result)).toEqual([
      { pointer: '/records/1/country', code: 'COUNTRY_MISMATCH' },
      { pointer: '/records/2/period', code: 'PERIOD_MISMATCH' },
      { pointer: '/records/3/period', code: 'PERIOD_MISMATCH' },
    ]);
  });

  it('refuses the same pseudonym twice in one legal status, not in two', () => {
    const twice = validateReturn(quarterlyReturn([records[0], records[1], victimRecord({ pseudonym: testPseudonym(1), sex: 'M' })]));
    expect(errorsOf(twice)).toEqual([{ pointer: '/records/2', code: 'DUPLICATE_RECORD' }]);
    expect(messagesOf(twice)[0]?.message).toBe('same pseudonym and legal status as /records/0');
    const twoStatuses = validateReturn(
      quarterlyReturn([records[0], victimRecord({ pseudonym: testPseudonym(1), legalStatus: 'PRESUMED_VICTIM' })]),
    );
    expect(twoStatuses.ok).toBe(true);
  });

  it('refuses records without consent to international transmission', () => {
    const result = validateReturn(quarterlyReturn([victimRecord({ consent: { statistics: true, international: false } })]));
    expect(errorsOf(result)).toEqual([{ pointer: '/records/0/consent/international', code: 'CONSENT_MISSING' }]);
  });

  it('refuses a document that is not an object', () => {
    expect(errorsOf(validateReturn(null))).toEqual([{ pointer: '', code: 'TYPE' }]);
    expect(errorsOf(validateReturn([]))).toEqual([{ pointer: '', code: 'TYPE' }]);
  });
});

describe('validateRevocation', () => {
  const notice = {
    standardVersion: '1.0.0',
    noticeId: '9b2f7d1e-4c3a-4b8e-9f60-1a2b3c4d5e6f',
    nodeId: 'node-de',
    country: 'DE',
    pseudonyms: [testPseudonym(1), testPseudonym(2)],
    issuedAt: '2026-10-05T09:30:00+02:00',
  };

  it('accepts a notice and checks its pseudonyms', () => {
    expect(errorsOf(validateRevocation(notice))).toEqual([]);
    expect(errorsOf(validateRevocation({ ...notice, pseudonyms: [] }))).toEqual([{ pointer: '/pseudonyms', code: 'TOO_FEW' }]);
    expect(errorsOf(validateRevocation({ ...notice, pseudonyms: [testPseudonym(1), testPseudonym(1)] }))).toEqual([
      { pointer: '/pseudonyms/1', code: 'DUPLICATE_ITEM' },
    ]);
    expect(errorsOf(validateRevocation({ ...notice, pseudonyms: ['Maria'] }))).toEqual([{ pointer: '/pseudonyms/0', code: 'FORMAT' }]);
    expect(errorsOf(validateRevocation({ ...notice, country: 'GB', issuedAt: undefined }))).toEqual([
      { pointer: '/issuedAt', code: 'REQUIRED' },
      { pointer: '/country', code: 'UNKNOWN_CODE' },
    ]);
  });
});

describe('validateCountryMetadata', () => {
  const metadata = {
    standardVersion: '1.0.0',
    country: 'NL',
    validFrom: '2024-Q1',
    legalDefinition: 'EU_DIRECTIVE',
    identificationThreshold: 'REFERRAL',
    presumedVictimsIncluded: true,
    breakdownsNotCollected: ['reg_org'],
    footnote: 'Registrations by CoMensha.',
  };

  it('accepts metadata and checks codes and the order of its periods', () => {
    expect(errorsOf(validateCountryMetadata(metadata))).toEqual([]);
    expect(validateCountryMetadata({ ...metadata, validTo: '2025-Q4' }).ok).toBe(true);
    expect(errorsOf(validateCountryMetadata({ ...metadata, validTo: '2023-Q4' }))).toEqual([
      { pointer: '/validTo', code: ValidationErrorCode.PERIOD_ORDER },
    ]);
    expect(errorsOf(validateCountryMetadata({ ...metadata, breakdownsNotCollected: ['geo'], legalDefinition: 'OTHER' }))).toEqual([
      { pointer: '/legalDefinition', code: 'UNKNOWN_CODE' },
      { pointer: '/breakdownsNotCollected/0', code: 'UNKNOWN_CODE' },
    ]);
    expect(errorsOf(validateCountryMetadata({ ...metadata, footnote: 'x'.repeat(2001) }))).toEqual([
      { pointer: '/footnote', code: 'TOO_LONG' },
    ]);
  });
});
