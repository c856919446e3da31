import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthErrorCode, AuthException, type AuthRequest } from '#app/auth';
import { DomainException } from '#app/common';
import { currentRequestId } from '#app/platform';
import { NodeConfig } from '../config/node.config.js';
import { seeOther, sendHtml } from './console-http.js';
import { isErrorMessageKey, type MessageKey } from './console-messages.js';
import { errorPage } from './console-pages.js';
import { ConsoleRequests } from './console-requests.service.js';

/** The page's text for an HTTP refusal that is not a domain error (a guard's, the upload parser's). */
const HTTP_MESSAGES: Readonly<Record<number, MessageKey>> = {
  401: 'error.FORBIDDEN',
  403: 'error.FORBIDDEN',
  404: 'error.NOT_FOUND',
  413: 'error.FILE_TOO_LARGE',
};

/** Sign-in problems the browser is sent back to the sign-in page for (a session that ended, none at all). */
const SIGNED_OUT: ReadonlySet<string> = new Set([AuthErrorCode.UNAUTHENTICATED]);

/**
 * Errors on console pages become pages: no session sends the browser to sign in; a refusal with a code is a page
 * that says it in the reader's language (the code's console text, else the service's own message); anything else is
 * logged with the request id (never the request) and named by that id on the page.
 */
@Injectable()
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(
    private readonly config: NodeConfig,
    private readonly requests: ConsoleRequests,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof AuthException && SIGNED_OUT.has(exception.code)) {
      seeOther(response, '/console/sign-in?ended=expired');
      return;
    }
    const principal = (request as AuthRequest).principal ?? this.requests.sessionOf(request)?.principal;
    const frame = this.requests.frame(request, principal);
    if (exception instanceof DomainException) {
      const key = `error.${exception.code}`;
      const values = { country: this.config.country, reason: String(exception.details['reason'] ?? exception.message) };
      const text = isErrorMessageKey(key) ? frame.t(key, values) : exception.message;
      sendHtml(response, exception.httpStatus, errorPage(frame, text));
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const key = HTTP_MESSAGES[status] ?? 'error.BAD_REQUEST';
      sendHtml(response, status, errorPage(frame, frame.t(key)));
      return;
    }
    const requestId = currentRequestId() ?? 'unknown';
    this.logger.error({ msg: 'console page failed', requestId, error: exception instanceof Error ? exception.name : typeof exception });
    sendHtml(response, 500, errorPage(frame, frame.t('error.UNEXPECTED', { requestId })));
  }
}
