import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

const acceptableRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/** Express middleware: takes a well-formed `x-request-id` from the caller or makes one, and echoes it back. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header('x-request-id');
  const requestId = offered && acceptableRequestId.test(offered) ? offered : randomUUID();
  response.setHeader('x-request-id', requestId);
  storage.run({ requestId }, next);
}
