import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendToHub } from './hub-client.js';
import { OutboxKind } from './outbox-state.js';

describe('sendToHub', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string };
  const received: Array<{ query: string; variables: { jws: string } }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(JSON.parse(body) as { query: string; variables: { jws: string } });
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const send = (kind: OutboxKind = OutboxKind.RETURN) =>
    sendToHub(url, kind, 'header.payload.signature', 2_000, new AbortController().signal);
  const reply = (status: number, body: unknown) => {
    answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
  };

  it("posts the contract's mutation with the JWS as a variable and reads an acceptance", async () => {
    reply(200, { data: { submitReturn: { returnId: 'r-1', status: 'ACCEPTED', receipt: 'a.b.c' } } });
    expect(await send()).toEqual({ outcome: 'ACCEPTED', status: 'ACCEPTED', messageId: 'r-1', receipt: 'a.b.c' });
    expect(received.at(-1)).toEqual({
      query: 'mutation submitReturn($jws: String!) { submitReturn(jws: $jws) { returnId status receipt } }',
      variables: { jws: 'header.payload.signature' },
    });
    reply(200, { data: { submitRevocation: { noticeId: 'n-1', status: 'DUPLICATE', erased: 2, receipt: 'a.b.c' } } });
    expect(await send(OutboxKind.REVOCATION)).toEqual({ outcome: 'ACCEPTED', status: 'DUPLICATE', messageId: 'n-1', receipt: 'a.b.c' });
    expect(received.at(-1)?.query).toContain('submitRevocation(jws: $jws) { noticeId status erased receipt }');
  });

  it.each([
    ['INVALID_RETURN', true],
    ['STALE_REVISION', true],
    ['NODE_MISMATCH', true],
    ['COUNTRY_NOT_ALLOWED', true],
    ['UNKNOWN_KEY', false],
    ['BAD_SIGNATURE', false],
    ['RATE_LIMITED', false],
    ['INTERNAL_SERVER_ERROR', false],
    ['SOMETHING_NEW', false],
  ])('classifies the hub refusal %s (permanent: %s)', async (code, permanent) => {
    reply(200, { errors: [{ message: 'refused', extensions: { code } }] });
    expect(await send()).toEqual({ outcome: 'REFUSED', code, permanent });
  });

  it('retries on answers that are not the contract: HTML error pages, malformed data', async () => {
    reply(502, '<html>Bad gateway</html>');
    expect(await send()).toEqual({ outcome: 'UNREACHABLE', code: 'HUB_HTTP_502' });
    reply(200, { data: { submitReturn: { returnId: 'r-1', status: 'MAYBE', receipt: 'a.b.c' } } });
    expect(await send()).toEqual({ outcome: 'REFUSED', code: 'HUB_ANSWER_MALFORMED', permanent: false });
  });

  it('reports an unreachable hub and an interrupted delivery', async () => {
    expect(await sendToHub('http://127.0.0.1:9', OutboxKind.RETURN, 'a.b.c', 2_000, new AbortController().signal)).toEqual({
      outcome: 'UNREACHABLE',
      code: 'HUB_UNREACHABLE',
    });
    const stop = new AbortController();
    stop.abort();
    expect(await sendToHub(url, OutboxKind.RETURN, 'a.b.c', 2_000, stop.signal)).toEqual({
      outcome: 'UNREACHABLE',
      code: 'DELIVERY_INTERRUPTED',
    });
  });
});
