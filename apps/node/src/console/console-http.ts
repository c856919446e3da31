import type { Request, Response } from 'express';
import type { Principal } from '#app/auth';
import { negotiateLanguage, translator } from './console-messages.js';
import type { PageFrame } from './console-pages.js';
import { CONSOLE_PATH, cookieValue, SESSION_COOKIE, ABSOLUTE_TIMEOUT_MS, type ConsoleSession } from './console-sessions.service.js';

/** The language cookie the switcher sets (a preference, not an identity). */
export const LANGUAGE_COOKIE = 'thb_lang';
/** The cookie of a sign-in under way at the identity provider, sent back to the sign-in paths only. */
export const SIGN_IN_STATE_COOKIE = 'thb_sign_in_state';
const SIGN_IN_PATH = `${CONSOLE_PATH}/sign-in`;

/**
 * Console pages: scripts and styles from the node only, no inline code, nothing framable, no referrer, and never
 * stored by the browser or a proxy (a page may show figures of the node's own data).
 */
const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // Not no-referrer: with it, browsers send `Origin: null` on the console's own form posts, and the origin check fails.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export function sendHtml(response: Response, status: number, body: string): void {
  for (const [name, value] of Object.entries(CONSOLE_HEADERS)) response.setHeader(name, value);
  response.status(status).type('text/html; charset=utf-8').send(body);
}

/** A redirect after a form or a sign-in (303: the browser follows with GET, so a reload sends nothing again). */
export function seeOther(response: Response, location: string): void {
  for (const [name, value] of Object.entries(CONSOLE_HEADERS)) response.setHeader(name, value);
  response.redirect(303, location);
}

export function setSessionCookie(request: Request, response: Response, cookie: string): void {
  response.append('Set-Cookie', cookieText(request, SESSION_COOKIE, cookie, ABSOLUTE_TIMEOUT_MS / 1000, true));
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.append('Set-Cookie', cookieText(request, SESSION_COOKIE, '', 0, true));
}

export function setLanguageCookie(request: Request, response: Response, language: string): void {
  response.append('Set-Cookie', cookieText(request, LANGUAGE_COOKIE, language, 365 * 24 * 3600, false));
}

/**
 * The state of a sign-in at the identity provider, binding its callback to this browser. SameSite=Lax: the callback
 * is a top-level navigation from the provider's site, which a Strict cookie would not come back on.
 */
export function setSignInStateCookie(request: Request, response: Response, state: string | undefined): void {
  response.append(
    'Set-Cookie',
    cookieText(request, SIGN_IN_STATE_COOKIE, state ?? '', state === undefined ? 0 : 600, true, 'Lax', SIGN_IN_PATH),
  );
}

/** Secure whenever the request came over https (directly, or through a proxy Express is told to trust). */
function cookieText(
  request: Request,
  name: string,
  value: string,
  maxAgeSeconds: number,
  httpOnly: boolean,
  sameSite: 'Strict' | 'Lax' = 'Strict',
  path: string = CONSOLE_PATH,
): string {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${Math.floor(maxAgeSeconds)}`,
    `SameSite=${sameSite}`,
    ...(httpOnly ? ['HttpOnly'] : []),
    ...(request.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The frame of a page for this request: its language, path, the node, and who is signed in. */
export function frameOf(
  request: Request,
  node: PageFrame['node'],
  signedIn: { principal: Principal; session: ConsoleSession } | undefined,
): PageFrame {
  const language = negotiateLanguage(cookieValue(request.headers.cookie, LANGUAGE_COOKIE), request.headers['accept-language']);
  return {
    t: translator(language),
    language,
    path: request.originalUrl.split('?')[0] ?? CONSOLE_PATH,
    node,
    ...(signedIn === undefined
      ? {}
      : { signedIn: { subject: signedIn.principal.subject, roles: signedIn.principal.roles, csrfToken: signedIn.session.csrfToken } }),
  };
}

/**
 * Whether a state-changing request comes from this console's own origin, as far as the browser says (Fetch
 * Metadata, then Origin); a client that says neither still needs the session's CSRF token.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  return origin === undefined || origin === `${request.protocol}://${request.headers.host ?? ''}`;
}

/** A path inside the console to come back to, or the console's home for anything else (no open redirect). */
export function consolePathOrHome(path: string | undefined): string {
  if (path === undefined || !/^\/console(\/[A-Za-z0-9/_-]*)?$/.test(path)) return CONSOLE_PATH;
  return path;
}
