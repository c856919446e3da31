import { redactInputValues } from '../redact-input-values.js';
import { ScalarInputException } from './scalar-input.exception.js';

/** The scalar refusal behind an error that graphql-js and Apollo wrapped (variable coercion, literal validation). */
export function scalarInputExceptionOf(error: unknown): ScalarInputException | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof ScalarInputException) return current;
    current = (current as Error & { originalError?: unknown }).originalError;
  }
  return undefined;
}

const redactedVariableError = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value(?: at "([^"]+)")?[;.]/;

/**
 * Where in the variables the bad value was, as the argument paths domain errors use (`input.validTo`,
 * `input.registrations.1.period`). graphql-js states it only in its message, `Variable "$input" got invalid value
 * ... at "input.validTo"; ...`; the redaction finds it past the value. A literal in the query text has no variable:
 * its location says where.
 */
export function variablePathOf(message: string): string[] {
  const match = redactedVariableError.exec(redactInputValues(message));
  if (!match) return [];
  return [match[2] === undefined ? match[1]! : match[2].replace(/\[(\d+)\]/g, '.$1')];
}
