import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthRequest, Principal, SessionResolver } from '#app/auth';

/** The session cookie: a random id, HttpOnly and SameSite=Strict, scoped to the console's paths. */
export const SESSION_COOKIE = 'thb_console';
export const CONSOLE_PATH = '/console';
/** A session nobody used for this long has ended. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** However busy, a session ends after a working day: sign in again. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Sessions held at most (a node has a handful of users; this bounds memory against sign-in floods). */
const MAX_SESSIONS = 1_000;
/** Forms a session may have open at once (one per rendered page with a form). */
const MAX_OPEN_FORMS = 50;

export interface ConsoleSession {
  readonly principal: Principal;
  /** Sent with every form of the session and checked on every state-changing request (with SameSite=Strict). */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
  /** One-time tokens of the forms rendered for this session: a form is acted on once, so a double-click does nothing twice. */
  readonly openForms: Set<string>;
}

/** The request as the console reads it: headers for the cookie, the path it asks for. */
interface SessionRequest extends AuthRequest {
  readonly path?: string;
  readonly originalUrl?: string;
}

/**
 * Browser sessions of the console, in this process's memory (a node is one process; a restart signs everyone out,
 * which costs a new sign-in link, never data). The cookie holds a random id; the map is keyed by its SHA-256, so a
 * memory dump shows no usable cookie. Sessions authenticate console paths only: the GraphQL API keeps bearer tokens,
 * so no cross-site form can reach it with a cookie.
 */
@Injectable()
export class ConsoleSessions implements SessionResolver {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session for `principal`; the cookie value to set. */
  open(principal: Principal): { cookie: string; session: ConsoleSession } {
    this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const cookie = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: ConsoleSession = {
      principal,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: at,
      lastSeenAt: at,
      openForms: new Set(),
    };
    this.sessions.set(hashOf(cookie), session);
    return { cookie, session };
  }

  /** The live session of a request's cookie (its idle clock restarted), or undefined. */
  sessionOf(request: SessionRequest): ConsoleSession | undefined {
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (cookie === undefined) return undefined;
    const key = hashOf(cookie);
    const session = this.sessions.get(key);
    if (session === undefined) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > IDLE_TIMEOUT_MS || at - session.createdAt > ABSOLUTE_TIMEOUT_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  principalOf(request: SessionRequest): Principal | undefined {
    const path = request.originalUrl ?? request.path ?? '';
    if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`) && !path.startsWith(`${CONSOLE_PATH}?`)) return undefined;
    return this.sessionOf(request)?.principal;
  }

  close(request: SessionRequest): void {
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (cookie !== undefined) this.sessions.delete(hashOf(cookie));
  }

  /** A one-time token for a form about to be rendered. */
  openForm(session: ConsoleSession): string {
    if (session.openForms.size >= MAX_OPEN_FORMS) {
      const oldest = session.openForms.values().next().value;
      if (oldest !== undefined) session.openForms.delete(oldest);
    }
    const token = randomBytes(18).toString('base64url');
    session.openForms.add(token);
    return token;
  }

  /** Consumes a form's token: true the first time, false for a replay (a double-click, a back-button resend). */
  consumeForm(session: ConsoleSession, token: string | undefined): boolean {
    return token !== undefined && session.openForms.delete(token);
  }

  /** Whether the CSRF token a form sent is the session's (compared in constant time). */
  checkCsrf(session: ConsoleSession, sent: string | undefined): boolean {
    if (sent === undefined) return false;
    const expected = Buffer.from(session.csrfToken);
    const actual = Buffer.from(sent);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const at = this.now();
    for (const [key, session] of this.sessions) {
      if (at - session.lastSeenAt > IDLE_TIMEOUT_MS || at - session.createdAt > ABSOLUTE_TIMEOUT_MS) this.sessions.delete(key);
    }
  }
}

function hashOf(cookie: string): string {
  return createHash('sha256').update(cookie).digest('base64url');
}

/** One cookie's value from a Cookie header (RFC 6265 pairs), or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
