import { DomainException } from '#app/common';
import { GraphQLError } from 'graphql';
import { QUERY_LIMIT_CODES } from './query-limits/query-limits.js';

export type DomainErrorExtensions = {
  readonly code: string;
  readonly fields?: readonly string[];
  readonly details?: Readonly<Record<string, unknown>>;
};

/** The `extensions` a DomainException shows GraphQL clients: its stable code, plus fields and details when present. */
export function toGraphQLErrorExtensions(exception: DomainException): DomainErrorExtensions {
  return {
    code: exception.code,
    ...(exception.fields.length > 0 ? { fields: exception.fields } : {}),
    ...(Object.keys(exception.details).length > 0 ? { details: exception.details } : {}),
  };
}

/**
 * For an app's `formatError(formatted, error)`: the extensions to show when `error` wraps an AuthException (thrown by
 * the guard or a scope check) or a query-limit refusal. Apollo re-labels validation errors GRAPHQL_VALIDATION_FAILED;
 * this restores the query-limit code kept on the original error. Undefined for anything else.
 */
export function domainErrorExtensionsOf(error: unknown): Readonly<Record<string, unknown>> | undefined {
  for (let current: unknown = error, hops = 0; current !== undefined && current !== null && hops < 5; hops += 1) {
    if (current instanceof DomainException) return toGraphQLErrorExtensions(current);
    if (current instanceof GraphQLError) {
      const { code, http: _http, ...rest } = current.extensions;
      if (typeof code === 'string' && QUERY_LIMIT_CODES.has(code)) return { code, ...rest };
    }
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
