/** A minimal GraphQL-over-HTTP client for the launcher and the federation tests: errors become exceptions with their code. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const [first] = body.errors ?? [];
  if (first) throw new GraphQLRequestError(first.extensions?.code, `${first.extensions?.code ?? 'ERROR'}: ${first.message}`);
  if (!body.data) throw new GraphQLRequestError(undefined, `no data from ${url} (HTTP ${response.status})`);
  return body.data;
}
