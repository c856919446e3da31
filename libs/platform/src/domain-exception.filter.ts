import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainException } from '#app/common';
import {
  DATABASE_UNAVAILABLE_CODE,
  DATABASE_UNAVAILABLE_MESSAGE,
  DATABASE_UNAVAILABLE_RETRY_SECONDS,
  isDatabaseUnavailable,
} from './database-unavailable.js';

/** Stable codes of the HTTP-level refusals (body parser, routing), by status. */
const httpErrorCodes: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Plain HTTP endpoints (health, exports, reports) answer errors as `{ error: { code, message, fields } }`.
 * In GraphQL the exception is handed back to Apollo, whose formatError does the mapping.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(thrown: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return thrown;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return undefined;
    // The body parser wraps what its verify hook throws (strict JSON bodies) in a 403 http-error, which Nest turns
    // into an HttpException: the domain exception inside is the answer.
    const exception = thrown instanceof HttpException && thrown.cause instanceof DomainException ? thrown.cause : thrown;
    if (exception instanceof DomainException) {
      const retryAfter = exception.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') response.setHeader('retry-after', String(retryAfter));
      response.status(exception.httpStatus).json({
        error: { code: exception.code, message: exception.message, fields: exception.fields, ...exception.details },
      });
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      response.status(status).json({ error: { code: httpErrorCodes[status] ?? 'BAD_REQUEST', message: exception.message } });
    } else if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ msg: 'database unavailable', error: exception instanceof Error ? exception.name : typeof exception });
      response.setHeader('retry-after', String(DATABASE_UNAVAILABLE_RETRY_SECONDS));
      response.status(503).json({ error: { code: DATABASE_UNAVAILABLE_CODE, message: DATABASE_UNAVAILABLE_MESSAGE } });
    } else {
      this.logger.error({ msg: 'unexpected error', error: exception instanceof Error ? exception.name : typeof exception });
      response.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
    }
    return undefined;
  }
}
