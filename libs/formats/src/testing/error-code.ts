import { FormatsException } from '../formats.exception.js';

/** The FormatsException code an action throws; fails the test if it throws anything else or nothing. */
export function errorCodeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof FormatsException) return error.code;
    throw error;
  }
  throw new Error('expected a FormatsException, nothing was thrown');
}
