import { Kind, type OperationDefinitionNode } from 'graphql';

/** Root fields whose answers are a pure function of the request and the figures' inputs (released, never live data). */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['figures', 'comparativeReport', '__typename']);

/** Figure requests are a few kilobytes; larger bodies (signed returns) are not looked at, let alone hashed. */
export const MAX_CACHEABLE_REQUEST_BYTES = 64 * 1024;

/**
 * The cache key of a GraphQL-over-HTTP request `{ query, operationName, variables, extensions }` (a POST body, or the
 * parameters of a GET with `variables` and `extensions` as JSON text): the query's text, or its SHA-256 for an
 * automatic persisted query (Apollo Server checks the hash against the text when both come, and the answer is stored
 * only once it did), with the variables in a canonical form (object keys sorted), so that the same request always
 * finds its answer; undefined for anything else (batches, other extensions, wrong types), which goes to the server
 * as it is.
 */
export function answerKeyOf(request: unknown): string | undefined {
  if (!isPlainObject(request)) return undefined;
  const { query, operationName, variables, extensions, ...rest } = request;
  if (Object.keys(rest).length > 0) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) return undefined;
  const persisted = persistedQueryHashOf(extensions);
  if (persisted === null) return undefined;
  const document = persisted !== undefined ? ['sha256', persisted] : typeof query === 'string' ? ['query', query] : undefined;
  if (document === undefined) return undefined;
  return JSON.stringify([...document, operationName ?? null, canonical(variables ?? {})]);
}

/** The parameters of a GraphQL GET (`?query=...&variables={...}&extensions={...}`), or undefined if they do not parse. */
export function getRequestParameters(query: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const parameters: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') return undefined;
    if (name === 'variables' || name === 'extensions') {
      try {
        parameters[name] = JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    } else {
      parameters[name] = value;
    }
  }
  return parameters;
}

/** The hash of `extensions.persistedQuery` (version 1); undefined without extensions, null for any other extension. */
function persistedQueryHashOf(extensions: unknown): string | undefined | null {
  if (extensions === undefined || extensions === null) return undefined;
  if (!isPlainObject(extensions)) return null;
  const { persistedQuery, ...others } = extensions;
  if (Object.keys(others).length > 0 || !isPlainObject(persistedQuery)) return null;
  const { version, sha256Hash } = persistedQuery;
  return version === 1 && typeof sha256Hash === 'string' && /^[0-9a-f]{64}$/.test(sha256Hash) ? sha256Hash : null;
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
