import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthErrorCode } from '../auth.exception.js';

/** UTF-8 size of a GraphQL document, the unit request limits are stated in. */
export function documentBytes(document: string): number {
  return Buffer.byteLength(document, 'utf8');
}

export function exceedsDocumentBytes(document: string, maxBytes: number): boolean {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so short documents need no encoding pass.
  return document.length * 3 > maxBytes && documentBytes(document) > maxBytes;
}

type RequestWithBody = IncomingMessage & { body?: unknown };

/**
 * Express-style middleware for the GraphQL route: refuses a request whose declared body (Content-Length), parsed
 * `query`, or URL (GET) is larger than `maxBytes`, with 413 and a GraphQL-shaped error. The Content-Length check runs
 * before the body is read; keep the JSON body parser's own `limit` as the backstop for chunked bodies.
 */
export function maxDocumentBytes(maxBytes: number) {
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError(`maxBytes must be a positive whole number, got ${maxBytes}`);
  return (request: RequestWithBody, response: ServerResponse, next: (error?: unknown) => void): void => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const query = (request.body as { query?: unknown } | undefined)?.query;
    const tooLarge =
      declared > maxBytes ||
      (typeof query === 'string' && exceedsDocumentBytes(query, maxBytes)) ||
      (request.url !== undefined && exceedsDocumentBytes(request.url, maxBytes));
    if (!tooLarge) {
      next();
      return;
    }
    response.statusCode = 413;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(
      JSON.stringify({
        errors: [
          { message: `Request is larger than ${maxBytes} bytes`, extensions: { code: AuthErrorCode.QUERY_TOO_LARGE, limit: maxBytes } },
        ],
      }),
    );
  };
}
