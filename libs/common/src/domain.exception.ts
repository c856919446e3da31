/**
 * Base of every feature's exception. Each feature declares its own subclass with a code enum; the apps map
 * all of them to GraphQL/HTTP errors in one place, so `code` values are a stable contract with clients.
 * Messages must never contain identity values: they are returned to callers and written to logs.
 */
export abstract class DomainException extends Error {
  /** HTTP status used when the error surfaces on a plain HTTP endpoint. */
  abstract readonly httpStatus: number;

  constructor(
    readonly code: string,
    message: string,
    /** JSON pointers or GraphQL argument paths of the offending input, when there is one. */
    readonly fields: readonly string[] = [],
    /** Extra machine-readable detail (counts, ids; never identities). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type DomainExceptionCategory = 'BAD_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'LIMIT' | 'UNAVAILABLE';

const statusByCategory: Record<DomainExceptionCategory, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT: 429,
  /** A part the answer needs is missing on this server (a browser for PDFs); everything else keeps working. */
  UNAVAILABLE: 503,
};

/** Builds a feature exception class whose codes are a string enum and whose status follows a category per code. */
export function defineDomainException<Code extends string>(name: string, categoryOf: Readonly<Record<Code, DomainExceptionCategory>>) {
  return class extends DomainException {
    readonly httpStatus: number;
    constructor(code: Code, message: string, fields: readonly string[] = [], details: Readonly<Record<string, unknown>> = {}) {
      super(code, message, fields, details);
      this.name = name;
      this.httpStatus = statusByCategory[categoryOf[code]];
    }
  };
}
