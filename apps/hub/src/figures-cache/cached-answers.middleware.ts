import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthException, RequestAuthenticator } from '#app/auth';
import { matchesIfNoneMatch } from '#app/platform';
import { captureAccessEvents } from '../access-log/access-events.capture.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { getRequestParameters, MAX_CACHEABLE_REQUEST_BYTES } from './answer-key.js';
import { FiguresCacheService, readsReleasedFigures } from './figures-cache.service.js';

/** Response header saying whether an answer came from the figures cache (`hit`) or was computed (`miss`). */
export const CACHE_HEADER = 'x-figures-cache';

/** Answers differ by caller only in who may have them: caches may keep them per user and must revalidate. */
const CACHE_CONTROL = 'private, no-cache';

/** The validators of a cacheable answer, on Express's response or Apollo Server's header map alike. */
export function setValidators(headers: { set(name: string, value: string): unknown }, entityTag: string): void {
  headers.set('etag', entityTag);
  headers.set('cache-control', CACHE_CONTROL);
}

/**
 * In front of GraphQL: answers a request for released figures from the cache when its exact query (or persisted
 * query hash) and variables were answered before in this generation of the inputs, without parsing or running
 * anything; POST, or GET (so that a browser can revalidate with If-None-Match and get 304). Authentication, the rate
 * limit and the access log apply as they do in the resolvers; a caller who may not read figures, a bad token or a
 * spent limit goes on to the server, whose guard answers with the proper error.
 */
@Injectable()
export class CachedAnswersMiddleware implements NestMiddleware {
  private readonly logger = new Logger('FiguresCache');

  constructor(
    private readonly cache: FiguresCacheService,
    private readonly authenticator: RequestAuthenticator,
    private readonly accessLog: AccessLogService,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const parameters = graphQLParametersOf(request);
    if (parameters === undefined) return next();
    const cached = this.cache.lookup(request, parameters);
    if (cached === undefined) {
      const pending = this.cache.pendingFor(request);
      if (pending === undefined) return next();
      return captureAccessEvents(pending.accessEvents, next);
    }
    try {
      const principal = await this.authenticator.authenticate(request);
      if (!readsReleasedFigures(principal)) return next();
      await Promise.all(cached.extra.accessEvents.map((event) => this.accessLog.record({ ...event, principal })));
    } catch (error) {
      // The server meets the same refusal (the authenticator remembers it) and answers it as a GraphQL error.
      if (!(error instanceof AuthException)) {
        this.logger.warn({ msg: 'cached answer not served', error: error instanceof Error ? error.name : typeof error });
      }
      return next();
    }
    response.setHeader(CACHE_HEADER, 'hit');
    setValidators({ set: (name, value) => response.setHeader(name, value) }, cached.entityTag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], cached.entityTag)) {
      response.status(304).end();
      return;
    }
    response.status(200);
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('content-length', cached.bytes.length);
    response.end(cached.bytes);
  }
}

/** The GraphQL parameters of a request the cache may answer: a small JSON POST, or a GET; undefined otherwise. */
function graphQLParametersOf(request: Request): unknown {
  if (request.method === 'GET') return getRequestParameters(request.query as Record<string, unknown>);
  if (request.method !== 'POST' || !request.is('application/json')) return undefined;
  const length = Number(request.headers['content-length'] ?? Number.NaN);
  return Number.isFinite(length) && length <= MAX_CACHEABLE_REQUEST_BYTES ? (request.body as unknown) : undefined;
}
