import { AuthErrorCode } from '../auth.exception.js';

/**
 * Bounds on the cost of one GraphQL document, checked before any resolver runs. Counts follow fragments as the
 * query would execute: a fragment spread twice counts twice, so nested fragments cannot multiply work unseen.
 */
export interface QueryLimits {
  /** Nested field levels; `{ a { b } }` is 2. Inline fragments and fragment spreads add no level. */
  readonly maxDepth: number;
  /** Aliased fields in the expanded operation (aliases let one request repeat an expensive field). */
  readonly maxAliases: number;
  /** Field selections in the expanded operation, `__typename` included. */
  readonly maxFields: number;
  /** Items of a list literal in an argument or variable value. */
  readonly maxListArgumentLength: number;
  /** Lexical tokens of the document; also give it to the parser (`parseOptions`) so parsing itself stops early. */
  readonly maxTokens?: number;
}

/** The `extensions.code` values of query-limit refusals; part of `AuthErrorCode`, so clients see one code list. */
export type QueryLimitCode =
  | AuthErrorCode.QUERY_TOO_DEEP
  | AuthErrorCode.TOO_MANY_ALIASES
  | AuthErrorCode.QUERY_TOO_WIDE
  | AuthErrorCode.LIST_TOO_LONG
  | AuthErrorCode.QUERY_TOO_LARGE;

export const QUERY_LIMIT_CODES: ReadonlySet<string> = new Set<QueryLimitCode>([
  AuthErrorCode.QUERY_TOO_DEEP,
  AuthErrorCode.TOO_MANY_ALIASES,
  AuthErrorCode.QUERY_TOO_WIDE,
  AuthErrorCode.LIST_TOO_LONG,
  AuthErrorCode.QUERY_TOO_LARGE,
]);

export function validateQueryLimits(limits: QueryLimits): QueryLimits {
  const bounds: Array<[string, number | undefined]> = [
    ['maxDepth', limits.maxDepth],
    ['maxAliases', limits.maxAliases],
    ['maxFields', limits.maxFields],
    ['maxListArgumentLength', limits.maxListArgumentLength],
    ['maxTokens', limits.maxTokens],
  ];
  for (const [name, value] of bounds) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new RangeError(`${name} must be a whole number of at least 0, got ${value}`);
    }
  }
  return limits;
}
