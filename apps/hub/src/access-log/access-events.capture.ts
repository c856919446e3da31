import { AsyncLocalStorage } from 'node:async_hooks';
import type { AccessOperation } from './access-log.service.js';

/** What the access log recorded of one request, without the caller: replayed for a cached answer with its own caller. */
export interface CapturedAccess {
  readonly operation: AccessOperation;
  readonly dataset?: string;
  readonly release?: number | null;
  readonly format?: string;
  readonly country?: string;
}

const capture = new AsyncLocalStorage<CapturedAccess[]>();

/** Runs `work` (the rest of a request) collecting the access-log events recorded inside it into `into`. */
export function captureAccessEvents<T>(into: CapturedAccess[], work: () => T): T {
  return capture.run(into, work);
}

/** Called by the access log for each event: noted for the request being captured, if any. */
export function noteCapturedAccess(event: CapturedAccess): void {
  capture.getStore()?.push(event);
}
