import { Kind, type OperationDefinitionNode } from 'graphql';

/** Root fields whose answers are a pure function of the request and the figures' inputs (released, never live data). */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['figures', 'comparativeReport', '__typename']);

/** Figure requests are a few kilobytes; larger bodies (signed returns) are not looked at, let alone hashed. */
export const MAX_CACHEABLE_REQUEST_BYTES = 64 * 1024;

/**
 * The cache key of a GraphQL-over-HTTP body `{ query, operationName, variables }`: the exact query text and its
 * variables in a canonical form (object keys sorted), so that the same request always finds its answer; undefined for
 * anything else (batches, persisted-query extensions, wrong types), which goes to the server as it is.
 */
export function answerKeyOf(body: unknown): string | undefined {
  if (!isPlainObject(body)) return undefined;
  const { query, operationName, variables, extensions, ...rest } = body;
  if (Object.keys(rest).length > 0 || extensions !== undefined) return undefined;
  if (typeof query !== 'string') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) return undefined;
  return JSON.stringify([query, operationName ?? null, canonical(variables ?? {})]);
}

/** Whether an operation only reads cacheable root fields: a query, each root selection a plain field of the set. */
export function isCacheableOperation(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value))
  );
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
