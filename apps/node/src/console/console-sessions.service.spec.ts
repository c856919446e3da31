import { describe, expect, it } from '@jest/globals';
import { Role, type Principal } from '#app/auth';
import { ConsoleSessions, cookieValue, IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE } from './console-sessions.service.js';

const rapporteur: Principal = { subject: 'rapporteur-1', roles: [Role.RAPPORTEUR], countries: ['AT'] };

describe('console sessions', () => {
  const clock = { now: 1_000_000 };
  const withCookie = (cookie: string, path = '/console/returns/2026-Q1') => ({
    headers: { cookie: `other=1; ${SESSION_COOKIE}=${cookie}` },
    originalUrl: path,
  });

  it('authenticates console paths only, and ends after idling or after a working day', () => {
    const sessions = new ConsoleSessions(() => clock.now);
    const { cookie } = sessions.open(rapporteur);
    expect(sessions.principalOf(withCookie(cookie))).toEqual(rapporteur);
    expect(sessions.principalOf(withCookie(cookie, '/console'))).toEqual(rapporteur);
    expect(sessions.principalOf(withCookie(cookie, '/graphql'))).toBeUndefined();
    expect(sessions.principalOf(withCookie(cookie, '/consoleX'))).toBeUndefined();
    expect(sessions.principalOf(withCookie('forged'))).toBeUndefined();
    clock.now += IDLE_TIMEOUT_MS - 1;
    expect(sessions.principalOf(withCookie(cookie))).toEqual(rapporteur);
    clock.now += IDLE_TIMEOUT_MS + 1;
    expect(sessions.principalOf(withCookie(cookie))).toBeUndefined();

    const busy = sessions.open(rapporteur);
    for (let elapsed = 0; elapsed <= ABSOLUTE_TIMEOUT_MS; elapsed += IDLE_TIMEOUT_MS / 2) {
      clock.now += IDLE_TIMEOUT_MS / 2;
      sessions.principalOf(withCookie(busy.cookie));
    }
    expect(sessions.principalOf(withCookie(busy.cookie))).toBeUndefined();
  });

  it('acts on a form once, checks the CSRF token exactly, and signs out', () => {
    const sessions = new ConsoleSessions(() => clock.now);
    const { cookie, session } = sessions.open(rapporteur);
    const form = sessions.openForm(session);
    expect(sessions.consumeForm(session, form)).toBe(true);
    expect(sessions.consumeForm(session, form)).toBe(false);
    expect(sessions.consumeForm(session, undefined)).toBe(false);
    expect(sessions.checkCsrf(session, session.csrfToken)).toBe(true);
    expect(sessions.checkCsrf(session, `${session.csrfToken}x`)).toBe(false);
    expect(sessions.checkCsrf(session, undefined)).toBe(false);
    sessions.close(withCookie(cookie));
    expect(sessions.principalOf(withCookie(cookie))).toBeUndefined();
  });

  it('reads one cookie of a Cookie header', () => {
    expect(cookieValue('a=1; thb_console=abc; b=2', 'thb_console')).toBe('abc');
    expect(cookieValue('thb_console_x=1', 'thb_console')).toBeUndefined();
    expect(cookieValue(undefined, 'thb_console')).toBeUndefined();
  });
});
