import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '#app/auth';
import { NodeConfig } from '../config/node.config.js';
import { frameOf, isSameOrigin } from './console-http.js';
import type { PageFrame } from './console-pages.js';
import { ConsoleSessions, type ConsoleSession } from './console-sessions.service.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/** The form fields every console form sends (urlencoded): the session's CSRF token, and a one-time form token. */
export interface ConsoleForm {
  readonly csrf?: string;
  readonly form?: string;
}

/** What every console controller does with a request: its page frame, its checked session, its one-time forms. */
@Injectable()
export class ConsoleRequests {
  constructor(
    private readonly config: NodeConfig,
    private readonly sessions: ConsoleSessions,
  ) {}

  frame(request: Request, principal: Principal | undefined): PageFrame {
    const session = principal === undefined ? undefined : this.sessions.sessionOf(request);
    return frameOf(
      request,
      { nodeId: this.config.nodeId, country: this.config.country },
      principal && session ? { principal, session } : undefined,
    );
  }

  sessionOf(request: Request): ConsoleSession | undefined {
    return this.sessions.sessionOf(request);
  }

  /** The request's session, refusing a request without the session's CSRF token or from another origin. */
  checkedSession(request: Request, form: ConsoleForm): ConsoleSession {
    const session = this.sessions.sessionOf(request);
    if (session === undefined || !isSameOrigin(request) || !this.sessions.checkCsrf(session, form.csrf)) {
      throw new ConsoleException(ConsoleErrorCode.CROSS_SITE, 'The request did not come from a page of this console.', []);
    }
    return session;
  }

  /** A token for one form of the page: acting on it twice (a double click, a reload) is refused. */
  openForm(session: ConsoleSession | undefined): string {
    return session === undefined ? '' : this.sessions.openForm(session);
  }

  /** Uses up the form's token; FORM_EXPIRED when it was used already or is out of date. */
  consumeForm(session: ConsoleSession, form: ConsoleForm): void {
    if (!this.sessions.consumeForm(session, form.form)) {
      throw new ConsoleException(ConsoleErrorCode.FORM_EXPIRED, 'This form was sent already or is out of date.', ['form']);
    }
  }
}
