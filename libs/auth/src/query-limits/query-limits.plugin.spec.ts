import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documentBytes, exceedsDocumentBytes, maxDocumentBytes } from './document-size.js';
import { apolloQueryLimitOptions, firstLongList } from './query-limits.plugin.js';

describe('firstLongList (lists passed as variables)', () => {
  it('finds the first list over the limit at any depth, with its path', () => {
    expect(firstLongList({ countries: ['AT', 'EL'], filter: { sexes: ['F'] } }, 2)).toBeUndefined();
    expect(firstLongList({ filter: { periods: [['2025-Q1'], ['2025-Q2', '2025-Q3', '2025-Q4']] } }, 2)).toEqual({
      path: ['filter', 'periods', 1],
      length: 3,
    });
    expect(firstLongList({ countries: Array.from({ length: 500 }, () => 'AT') }, 100)).toEqual({ path: ['countries'], length: 500 });
  });

  it('walks a value nested 100 000 levels deep and still names the offender by its full path', () => {
    // Found by the reliability corpus: a 200 kB variable of nested brackets kept the hub busy for minutes.
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}[1,2,3]${']'.repeat(depth)}`) as unknown;
    const found = firstLongList({ period: deep }, 2);
    expect(found?.length).toBe(3);
    expect(found?.path).toHaveLength(depth + 1);
    expect(found?.path.slice(0, 3)).toEqual(['period', 0, 0]);
    expect(firstLongList({ period: JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown }, 2)).toBeUndefined();
  });
});

describe('apolloQueryLimitOptions', () => {
  it('gives the parser the token cap and the server the rules and the plugin', () => {
    const options = apolloQueryLimitOptions({ maxDepth: 8, maxAliases: 20, maxFields: 500, maxListArgumentLength: 100, maxTokens: 5000 });
    expect(options.parseOptions).toEqual({ maxTokens: 5000 });
    expect(options.validationRules).toHaveLength(3);
    expect(options.plugins).toHaveLength(1);
  });
});

describe('document size', () => {
  it('measures UTF-8 bytes', () => {
    expect(documentBytes('{ me }')).toBe(6);
    expect(documentBytes('"Ελλάδα"')).toBe(14);
    expect(exceedsDocumentBytes('"Ελλάδα"', 13)).toBe(true);
    expect(exceedsDocumentBytes('"Ελλάδα"', 14)).toBe(false);
  });

  describe('maxDocumentBytes middleware', () => {
    let server: Server;
    let url: string;
    const limit = 64;

    beforeAll(async () => {
      const check = maxDocumentBytes(limit);
      server = createServer((request, response) => check(request, response, () => response.end('passed')));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('lets a small request through', async () => {
      const response = await fetch(url, { method: 'POST', body: JSON.stringify({ query: '{ me }' }) });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('passed');
    });

    it('refuses a body declared larger than the limit with 413 and a GraphQL error', async () => {
      const response = await fetch(url, { method: 'POST', body: JSON.stringify({ query: `{ ${'me '.repeat(40)}}` }) });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        errors: [{ message: `Request is larger than ${limit} bytes`, extensions: { code: 'QUERY_TOO_LARGE', limit } }],
      });
    });

    it('refuses a GET whose URL carries a larger document', async () => {
      const response = await fetch(`${url}?query=${encodeURIComponent(`{ ${'me '.repeat(40)}}`)}`);
      expect(response.status).toBe(413);
    });
  });
});
