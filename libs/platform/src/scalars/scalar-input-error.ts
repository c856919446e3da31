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

const variablePrefix = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;
const pathAtEnd = / at "([_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])*)"$/;

/**
 * Where in the variables the bad value was, as the argument paths domain errors use (`input.validTo`,
 * `input.registrations.1.period`). graphql-js states it only in its message, `Variable "$input" got invalid value
 * ... at "input.validTo"; Expected type ...`; the value itself is printed quoted, so the last ` at "..."` before the
 * scalar's own message is the path. A literal in the query text has no variable: its location says where.
 */
export function variablePathOf(message: string): string[] {
  const variable = variablePrefix.exec(message)?.[1];
  if (variable === undefined) return [];
  const end = message.lastIndexOf('; Expected type "');
  const path = pathAtEnd.exec(end < 0 ? message : message.slice(0, end))?.[1];
  return [path === undefined ? variable : path.replace(/\[(\d+)\]/g, '.$1')];
}
