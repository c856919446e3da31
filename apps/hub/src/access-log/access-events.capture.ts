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

interface Capture {
  readonly into: CapturedAccess[];
  /** False for work the hub does for itself (warming the cache): nobody asked, so nothing is written to the log. */
  readonly written: boolean;
}

const capture = new AsyncLocalStorage<Capture>();

/**
 * Runs `work` (the rest of a request) collecting the access-log events recorded inside it into `into`; with
 * `written: false` the events are only collected, for an answer the hub computes before anyone asks for it.
 */
export function captureAccessEvents<T>(into: CapturedAccess[], work: () => T, options: { written?: boolean } = {}): T {
  return capture.run({ into, written: options.written ?? true }, work);
}

/** Called by the access log for each event: noted for the request being captured, if any; whether to write it. */
export function noteCapturedAccess(event: CapturedAccess): boolean {
  const current = capture.getStore();
  current?.into.push(event);
  return current?.written ?? true;
}
