import type { IncomingMessage, ServerResponse } from 'node:http';
import { findDuplicateKey } from '#app/crypto';
import { RequestInputErrorCode, RequestInputException } from './request-input.exception.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body parser's `verify` hook: the body must be UTF-8 (the parser would otherwise replace bad bytes with
 * U+FFFD and store them) and no object may name a key twice (JSON.parse keeps the last value, other readers the
 * first, so a proxy and the app could act on different requests). Linear in the body size.
 */
export function verifyStrictJsonBody(_request: IncomingMessage, _response: ServerResponse, body: Buffer, encoding: string): void {
  if (!/^utf-?8$/i.test(encoding)) {
    throw new RequestInputException(RequestInputErrorCode.UNSUPPORTED_CHARSET, 'A JSON body must be sent in UTF-8.');
  }
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw new RequestInputException(RequestInputErrorCode.INVALID_UTF8, 'The request body is not valid UTF-8.');
  }
  if (findDuplicateKey(text) !== undefined) {
    throw new RequestInputException(RequestInputErrorCode.DUPLICATE_KEY, 'An object in the request body names the same key twice.');
  }
}
