import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { RequestInputException } from './request-input.exception.js';
import { verifyStrictJsonBody } from './strict-json-body.js';

const verify = (body: string | Buffer, encoding = 'utf-8') =>
  verifyStrictJsonBody({} as IncomingMessage, {} as ServerResponse, Buffer.isBuffer(body) ? body : Buffer.from(body), encoding);

const refusal = (body: string | Buffer, encoding?: string): RequestInputException => {
  try {
    verify(body, encoding);
  } catch (error) {
    if (error instanceof RequestInputException) return error;
    throw error;
  }
  throw new Error('the body was not refused');
};

describe('verifyStrictJsonBody', () => {
  it('lets well-formed UTF-8 JSON through, escapes and non-ASCII text included', () => {
    expect(() => verify('{"query":"{ a }","variables":{"name":"Ελλάδα \\"x\\"","list":[{"a":1},{"a":2}]}}')).not.toThrow();
  });

  it('refuses a key named twice in one object, however it is spelled, and says nothing of the value', () => {
    const smuggled = refusal('{"query":"{ releases { number } }","query":"mutation { publishRelease { number } }"}');
    expect(smuggled).toMatchObject({ code: 'DUPLICATE_KEY', httpStatus: 400 });
    expect(smuggled.message).not.toContain('publishRelease');
    expect(refusal('{"variables":{"period":"2025-Q1","p\\u0065riod":"x"}}').code).toBe('DUPLICATE_KEY');
  });

  it('refuses bytes that are not UTF-8 rather than letting them become U+FFFD', () => {
    const body = Buffer.concat([Buffer.from('{"query":"{ a }","variables":{"note":"ab'), Buffer.from([0xe2, 0x82]), Buffer.from('"}}')]);
    expect(refusal(body)).toMatchObject({ code: 'INVALID_UTF8', httpStatus: 400 });
  });

  it('refuses a body declared in another character set with 415', () => {
    expect(refusal('{}', 'utf-16le')).toMatchObject({ code: 'UNSUPPORTED_CHARSET', httpStatus: 415 });
  });
});
