/**
 * Socket errors of a connection to the database server that cannot be made or was lost. Not ENOENT: a missing
 * file elsewhere in a request is a defect, not an outage.
 */
const connectionErrnoCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** PostgreSQL SQLSTATEs of a server that is going away or not accepting connections yet. */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether an error means "the database is not reachable right now" (server stopped, restarting, connection lost),
 * as opposed to a defect. Such errors are answered SERVICE_UNAVAILABLE, which a client may retry, instead of an
 * internal error. Looks through TypeORM's `driverError` and a chain of `cause`s.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string') {
    if (connectionErrnoCodes.has(code) || unavailableSqlStates.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  // node-postgres reports a lost connection without a code.
  if (typeof message === 'string' && /^Connection terminated( unexpectedly| due to connection timeout)?$/.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

export const DATABASE_UNAVAILABLE_CODE = 'SERVICE_UNAVAILABLE';
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; retry later';
/** What clients are told to wait before retrying, in seconds. */
export const DATABASE_UNAVAILABLE_RETRY_SECONDS = 5;
