import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { CountryMetadata } from '../records/country-metadata.js';
import type { PseudonymisedRecord } from '../records/pseudonymised-record.js';
import type { QuarterlyReturn } from '../records/quarterly-return.js';
import type { RevocationNotice } from '../records/revocation-notice.js';
import { comparePeriods, FIRST_REPORTABLE_YEAR, isReportablePeriod, tryParsePeriod } from '../time/period.js';
import { mapAjvErrors } from './ajv-error-mapping.js';
import { compiledSchemas } from './schema-registry.js';
import { type ValidationError, ValidationErrorCode, type ValidationResult } from './validation-error.js';

function check<T>(
  validate: ValidateFunction,
  input: unknown,
  extraRules: (input: unknown) => ValidationError[] = () => [],
): ValidationResult<T> {
  const errors = validate(input) ? [] : mapAjvErrors(validate.errors);
  errors.push(...extraRules(input));
  return errors.length === 0 ? { ok: true, value: input as T } : { ok: false, errors };
}

/** A pseudonymised record, structure, codes and cross-field rules (docs/DATA-STANDARD.md section 2). */
export function validateRecord(input: unknown): ValidationResult<PseudonymisedRecord> {
  return check(compiledSchemas().record, input);
}

/**
 * A return envelope with its records, plus the rules between records: each record has the envelope's country and
 * period, no pseudonym appears twice in one legal status, and every record consented to international transmission.
 */
export function validateReturn(input: unknown): ValidationResult<QuarterlyReturn> {
  return check(compiledSchemas().return, input, returnRules);
}

export function validateRevocation(input: unknown): ValidationResult<RevocationNotice> {
  return check(compiledSchemas().revocation, input);
}

export function validateCountryMetadata(input: unknown): ValidationResult<CountryMetadata> {
  return check(compiledSchemas().countryMetadata, input, metadataRules);
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** No record sent and none withheld: what a true zero looks like. */
function isEmptyReturn(input: Readonly<Record<string, unknown>>): boolean {
  const records = input['records'];
  const withheld = input['withheld'];
  return Array.isArray(records) && records.length === 0 && isObject(withheld) && withheld['noConsent'] === 0 && withheld['invalid'] === 0;
}

function returnRules(input: unknown): ValidationError[] {
  if (!isObject(input) || !Array.isArray(input['records'])) return [];
  const country = input['country'];
  const period = input['period'];
  const errors: ValidationError[] = [];
  const parsedPeriod = typeof period === 'string' ? tryParsePeriod(period) : undefined;
  if (parsedPeriod !== undefined && !isReportablePeriod(parsedPeriod)) {
    errors.push({
      pointer: '/period',
      code: ValidationErrorCode.OUT_OF_RANGE,
      message: `period is before ${FIRST_REPORTABLE_YEAR}, the first year the standard reports`,
    });
  }
  if (input['confirmedZero'] === true && !isEmptyReturn(input)) {
    errors.push({
      pointer: '/confirmedZero',
      code: ValidationErrorCode.ZERO_NOT_EMPTY,
      message: 'a confirmed true zero carries no records and withholds none',
    });
  }
  const firstIndexByKey = new Map<string, number>();
  input['records'].forEach((record: unknown, index: number) => {
    if (!isObject(record)) return;
    if (typeof country === 'string' && typeof record['country'] === 'string' && record['country'] !== country) {
      errors.push({
        pointer: `/records/${index}/country`,
        code: ValidationErrorCode.COUNTRY_MISMATCH,
        message: 'record country differs from the return country',
      });
    }
    if (typeof period === 'string' && typeof record['period'] === 'string' && record['period'] !== period) {
      errors.push({
        pointer: `/records/${index}/period`,
        code: ValidationErrorCode.PERIOD_MISMATCH,
        message: 'record period differs from the return period',
      });
    }
    if (typeof record['pseudonym'] === 'string' && typeof record['legalStatus'] === 'string') {
      const key = `${record['pseudonym']}\u0000${record['legalStatus']}`;
      const first = firstIndexByKey.get(key);
      if (first === undefined) firstIndexByKey.set(key, index);
      else
        errors.push({
          pointer: `/records/${index}`,
          code: ValidationErrorCode.DUPLICATE_RECORD,
          message: `same pseudonym and legal status as /records/${first}`,
        });
    }
  });
  return errors;
}

function metadataRules(input: unknown): ValidationError[] {
  if (!isObject(input) || typeof input['validFrom'] !== 'string' || typeof input['validTo'] !== 'string') return [];
  const from = tryParsePeriod(input['validFrom']);
  const to = tryParsePeriod(input['validTo']);
  if (from === undefined || to === undefined || comparePeriods(from, to) <= 0) return [];
  return [{ pointer: '/validTo', code: ValidationErrorCode.PERIOD_ORDER, message: 'validTo is before validFrom' }];
}
