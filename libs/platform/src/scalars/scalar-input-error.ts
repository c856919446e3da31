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
