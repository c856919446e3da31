import { OutboxKind } from './outbox-state.js';

/** The contract's two mutations (see the node<->hub contract): the node authenticates by the JWS itself. */
const mutationOf: Readonly<Record<OutboxKind, { field: string; query: string }>> = {
  [OutboxKind.RETURN]: {
    field: 'submitReturn',
    query: 'mutation submitReturn($jws: String!) { submitReturn(jws: $jws) { returnId status receipt } }',
  },
  [OutboxKind.REVOCATION]: {
    field: 'submitRevocation',
    query: 'mutation submitRevocation($jws: String!) { submitRevocation(jws: $jws) { noticeId status erased receipt } }',
  },
};

/**
 * Hub refusals that no retry can cure: the message itself is wrong for the hub. Anything else (the hub down, not
 * knowing our key yet, rate limits, internal errors, codes this node does not know) is retried with backoff; the
 * hub's idempotency by message id makes that safe.
 */
const permanentRefusals: ReadonlySet<string> = new Set([
  'MALFORMED',
  'UNSUPPORTED_ALGORITHM',
  'WRONG_TYPE',
  'TOO_LARGE',
  'NODE_RETIRED',
  'COUNTRY_NOT_ALLOWED',
  'INVALID_RETURN',
  'INVALID_REVOCATION',
  'STALE_REVISION',
  'NODE_MISMATCH',
]);

/** What came back from one delivery attempt. */
export type HubAnswer =
  | {
      readonly outcome: 'ACCEPTED';
      readonly status: 'ACCEPTED' | 'DUPLICATE';
      /** returnId or noticeId as the hub echoes it. */
      readonly messageId: string;
      readonly receipt: string;
    }
  | { readonly outcome: 'REFUSED'; readonly code: string; readonly permanent: boolean }
  | { readonly outcome: 'UNREACHABLE'; readonly code: string };

/** Posts a signed message to the hub's GraphQL endpoint and classifies the answer. Never throws. */
export async function sendToHub(hubUrl: string, kind: OutboxKind, jws: string, timeoutMs: number, stop: AbortSignal): Promise<HubAnswer> {
  const { field, query } = mutationOf[kind];
  let response: Response;
  try {
    response = await fetch(`${hubUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: { jws } }),
      signal: AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]),
      redirect: 'error',
    });
  } catch (error) {
    if (stop.aborted) return { outcome: 'UNREACHABLE', code: 'DELIVERY_INTERRUPTED' };
    return { outcome: 'UNREACHABLE', code: isTimeout(error) ? 'HUB_TIMEOUT' : 'HUB_UNREACHABLE' };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (stop.aborted) return { outcome: 'UNREACHABLE', code: 'DELIVERY_INTERRUPTED' };
    return { outcome: 'UNREACHABLE', code: `HUB_HTTP_${response.status}` };
  }
  return classify(body, field, response.status);
}

function classify(body: unknown, field: string, httpStatus: number): HubAnswer {
  const record = asRecord(body);
  const errors = Array.isArray(record?.['errors']) ? (record['errors'] as unknown[]) : [];
  if (errors.length > 0) {
    const code = asRecord(asRecord(errors[0])?.['extensions'])?.['code'];
    if (typeof code !== 'string') return { outcome: 'REFUSED', code: `HUB_HTTP_${httpStatus}`, permanent: false };
    return { outcome: 'REFUSED', code: code.slice(0, 64), permanent: permanentRefusals.has(code) };
  }
  const answer = asRecord(asRecord(record?.['data'])?.[field]);
  const status = answer?.['status'];
  const messageId = answer?.['returnId'] ?? answer?.['noticeId'];
  const receipt = answer?.['receipt'];
  if ((status !== 'ACCEPTED' && status !== 'DUPLICATE') || typeof messageId !== 'string' || typeof receipt !== 'string') {
    return { outcome: 'REFUSED', code: 'HUB_ANSWER_MALFORMED', permanent: false };
  }
  return { outcome: 'ACCEPTED', status, messageId, receipt };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError';
}
