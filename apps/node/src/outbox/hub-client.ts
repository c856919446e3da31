import { CONTRACT_MUTATIONS, PERMANENT_REFUSALS } from '#app/contract';
import type { OutboxKind } from './outbox-state.js';

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

/**
 * Posts a signed message to the hub's GraphQL endpoint with the contract's document for its kind and classifies the
 * answer (refusals the contract calls permanent are not retried). Never throws.
 */
export async function sendToHub(hubUrl: string, kind: OutboxKind, jws: string, timeoutMs: number, stop: AbortSignal): Promise<HubAnswer> {
  const { field, document: query, messageIdField } = CONTRACT_MUTATIONS[kind];
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
  return classify(body, field, messageIdField, response.status);
}

function classify(body: unknown, field: string, messageIdField: string, httpStatus: number): HubAnswer {
  const record = asRecord(body);
  const errors = Array.isArray(record?.['errors']) ? (record['errors'] as unknown[]) : [];
  if (errors.length > 0) {
    const code = asRecord(asRecord(errors[0])?.['extensions'])?.['code'];
    if (typeof code !== 'string') return { outcome: 'REFUSED', code: `HUB_HTTP_${httpStatus}`, permanent: false };
    return { outcome: 'REFUSED', code: code.slice(0, 64), permanent: PERMANENT_REFUSALS.has(code) };
  }
  const answer = asRecord(asRecord(record?.['data'])?.[field]);
  const status = answer?.['status'];
  const messageId = answer?.[messageIdField];
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
