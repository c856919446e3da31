import type { ArgumentsHost } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { DomainExceptionFilter } from './domain-exception.filter.js';
import { RequestInputErrorCode, RequestInputException } from './request-input.exception.js';

/** What the filter writes for an exception on a plain HTTP endpoint. */
function answerTo(exception: unknown): { status: number; body: { error: { code: string; message: string } } } {
  const answer = { status: 0, body: undefined as unknown };
  const response = {
    headersSent: false,
    setHeader: () => response,
    status(code: number) {
      answer.status = code;
      return response;
    },
    json(body: unknown) {
      answer.body = body;
      return response;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new DomainExceptionFilter().catch(exception, host);
  return answer as { status: number; body: { error: { code: string; message: string } } };
}

describe('DomainExceptionFilter on plain HTTP', () => {
  it('answers a refusal of the body parser with a stable code per status', () => {
    // Found by the reliability corpus: a body over the limit was answered 413 with the code BAD_REQUEST.
    expect(answerTo(new HttpException('request entity too large', 413))).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE' } },
    });
    expect(answerTo(new HttpException('unsupported charset "KOI8-R"', 415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(answerTo(new HttpException('Unexpected token', 400)).body.error.code).toBe('BAD_REQUEST');
  });

  it('unwraps a domain exception the body parser wrapped (strict JSON bodies), keeping its code and status', () => {
    const inner = new RequestInputException(RequestInputErrorCode.DUPLICATE_KEY, 'An object in the request body names the same key twice.');
    expect(answerTo(new HttpException(inner.message, 403, { cause: inner }))).toMatchObject({
      status: 400,
      body: { error: { code: 'DUPLICATE_KEY' } },
    });
  });

  it('answers anything else as a generic internal error', () => {
    expect(answerTo(new TypeError('secret detail at /work/main/x.ts:1:1'))).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } },
    });
  });

  it('answers a database that cannot be reached as 503 SERVICE_UNAVAILABLE, which a client may retry', () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(answerTo(Object.assign(new Error('query failed'), { driverError: lost }))).toEqual({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; retry later' } },
    });
  });
});
