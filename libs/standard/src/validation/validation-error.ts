/**
 * Stable codes of validation problems: clients, the hub's error mapping and tests rely on them, so codes are only
 * ever added, never renamed.
 */
export const ValidationErrorCode = {
  /** A required field is missing. */
  REQUIRED: 'REQUIRED',
  /** Wrong JSON type (a string where a number belongs...). */
  TYPE: 'TYPE',
  /** A value that is not a code of its code list. */
  UNKNOWN_CODE: 'UNKNOWN_CODE',
  /** A string in the wrong format (period, pseudonym, date-time, UUID...). */
  FORMAT: 'FORMAT',
  /** A field the standard does not have. Identity fields can never slip through this way. */
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
  /** A field not allowed here. */
  NOT_ALLOWED: 'NOT_ALLOWED',
  /** registeringOrganisation or protection on a suspect, prosecuted or convicted person. */
  VICTIMS_ONLY: 'VICTIMS_ONLY',
  /** labourSector without LABOUR among the forms of exploitation. */
  LABOUR_SECTOR_WITHOUT_LABOUR: 'LABOUR_SECTOR_WITHOUT_LABOUR',
  TOO_FEW: 'TOO_FEW',
  TOO_MANY: 'TOO_MANY',
  /** The same item twice in a list that must not repeat. */
  DUPLICATE_ITEM: 'DUPLICATE_ITEM',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  TOO_LONG: 'TOO_LONG',
  UNSUPPORTED_VERSION: 'UNSUPPORTED_VERSION',
  /** A record in a return without consent to international transmission. */
  CONSENT_MISSING: 'CONSENT_MISSING',
  /** A record of a return whose country is not the envelope's. */
  COUNTRY_MISMATCH: 'COUNTRY_MISMATCH',
  /** A record of a return whose period is not the envelope's. */
  PERIOD_MISMATCH: 'PERIOD_MISMATCH',
  /** The same pseudonym twice in one legal status in one return. */
  DUPLICATE_RECORD: 'DUPLICATE_RECORD',
  /** A return that confirms a true zero (`confirmedZero`) but carries records or withheld counts. */
  ZERO_NOT_EMPTY: 'ZERO_NOT_EMPTY',
  /** validTo before validFrom. */
  PERIOD_ORDER: 'PERIOD_ORDER',
  /** Any other violation of the schema. */
  INVALID: 'INVALID',
} as const;

export type ValidationErrorCode = (typeof ValidationErrorCode)[keyof typeof ValidationErrorCode];

export interface ValidationError {
  /** JSON pointer (RFC 6901) of the offending value, e.g. `/records/3/sex`; `''` is the whole document. */
  readonly pointer: string;
  readonly code: ValidationErrorCode;
  /** For people. Never contains the offending value: it may be an identity slipped into the wrong field. */
  readonly message: string;
}

export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ValidationError[] };

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isValidationErrorCode(value: string): value is ValidationErrorCode {
  return Object.prototype.hasOwnProperty.call(ValidationErrorCode, value);
}
