import type { ErrorObject } from 'ajv/dist/2020.js';
import { type ValidationError, ValidationErrorCode, escapePointerToken, isValidationErrorCode } from './validation-error.js';

const maxCodesInMessage = 15;

interface Annotated {
  readonly 'x-errorCode'?: unknown;
  readonly 'x-message'?: unknown;
  readonly 'x-codeList'?: unknown;
  readonly 'x-format'?: unknown;
  readonly enum?: readonly unknown[];
}

/**
 * Turns ajv's errors into the standard's: a JSON pointer to the offending value, a stable code and a message that
 * never quotes the value. Errors of `if` are dropped: the failing branch reports the problem itself.
 */
export function mapAjvErrors(errors: readonly ErrorObject[] | null | undefined): ValidationError[] {
  const mapped: ValidationError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const result = mapAjvError(error);
    if (result === undefined) continue;
    const key = `${result.pointer}\u0000${result.code}\u0000${result.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    mapped.push(result);
  }
  return mapped;
}

function mapAjvError(error: ErrorObject): ValidationError | undefined {
  if (error.keyword === 'if') return undefined;
  const parent = (error.parentSchema ?? {}) as Annotated;
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  if (error.keyword === 'required') pointer += `/${escapePointerToken(String(params['missingProperty']))}`;
  if (error.keyword === 'additionalProperties') pointer += `/${escapePointerToken(String(params['additionalProperty']))}`;

  const customCode = parent['x-errorCode'];
  if (typeof customCode === 'string' && isValidationErrorCode(customCode)) {
    const customMessage = parent['x-message'];
    return { pointer, code: customCode, message: typeof customMessage === 'string' ? customMessage : defaultMessage(error) };
  }
  const field = lastToken(pointer);
  switch (error.keyword) {
    case 'required':
      return { pointer, code: ValidationErrorCode.REQUIRED, message: `${field} is required` };
    case 'type':
      return { pointer, code: ValidationErrorCode.TYPE, message: `${field} must be of type ${String(params['type'])}` };
    case 'enum':
      return { pointer, code: ValidationErrorCode.UNKNOWN_CODE, message: unknownCodeMessage(field, parent) };
    case 'const':
      return { pointer, code: ValidationErrorCode.INVALID, message: `${field} must be ${JSON.stringify(params['allowedValue'])}` };
    case 'pattern':
    case 'format': {
      const expected = typeof parent['x-format'] === 'string' ? parent['x-format'] : String(params['format'] ?? 'the expected pattern');
      return { pointer, code: ValidationErrorCode.FORMAT, message: `${field} must be ${expected}` };
    }
    case 'additionalProperties':
      // The key is not named in the message: an unknown key could itself be a value typed in the wrong place.
      return { pointer, code: ValidationErrorCode.UNKNOWN_FIELD, message: 'this field is not part of the standard here' };
    case 'not':
    case 'false schema':
      return { pointer, code: ValidationErrorCode.NOT_ALLOWED, message: `${field} is not allowed here` };
    case 'minItems':
    case 'minProperties':
      return { pointer, code: ValidationErrorCode.TOO_FEW, message: `${field} ${String(error.message)}` };
    case 'maxItems':
    case 'maxProperties':
      return { pointer, code: ValidationErrorCode.TOO_MANY, message: `${field} ${String(error.message)}` };
    case 'uniqueItems':
      return {
        pointer: `${pointer}/${String(params['i'])}`,
        code: ValidationErrorCode.DUPLICATE_ITEM,
        message: `item repeats item ${String(params['j'])} of ${field}`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { pointer, code: ValidationErrorCode.OUT_OF_RANGE, message: `${field} ${String(error.message)}` };
    case 'maxLength':
      return { pointer, code: ValidationErrorCode.TOO_LONG, message: `${field} ${String(error.message)}` };
    case 'minLength':
      return { pointer, code: ValidationErrorCode.TOO_FEW, message: `${field} ${String(error.message)}` };
    // A branch that failed reports its own errors; the combinator's summary adds nothing.
    case 'allOf':
    case 'contains':
      return undefined;
    default:
      return { pointer, code: ValidationErrorCode.INVALID, message: defaultMessage(error) };
  }
}

function lastToken(pointer: string): string {
  if (pointer === '') return 'document';
  const token = pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  return /^\d+$/.test(token) ? `item ${token}` : token;
}

function unknownCodeMessage(field: string, parent: Annotated): string {
  const lists = parent['x-codeList'];
  const listNames = Array.isArray(lists) ? lists.join(' + ') : typeof lists === 'string' ? lists : undefined;
  const allowed = parent.enum ?? [];
  const where = listNames === undefined ? 'not an allowed value' : `not a code of code list ${listNames}`;
  const hint = listNames?.includes('country') ? ' (Eurostat spelling: EL for Greece, UK for the United Kingdom)' : '';
  const codes = allowed.length > 0 && allowed.length <= maxCodesInMessage ? `: ${allowed.join(', ')}` : '';
  return `${field}: ${where}${codes}${hint}`;
}

function defaultMessage(error: ErrorObject): string {
  return `${lastToken(error.instancePath)} ${error.message ?? 'is invalid'}`;
}
