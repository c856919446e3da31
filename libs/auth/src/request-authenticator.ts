import { Inject, Injectable, Optional } from '@nestjs/common';
import { clientAddressOf, type AuthRequest } from './auth-request.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { JwtVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';

/**
 * Where a request without a bearer token may still be signed in: a browser session of the app's own pages (the
 * node's console), keyed by a cookie the app set. Provided by the app (a global module), absent otherwise.
 */
export interface SessionResolver {
  /** The session's principal, or undefined (no session, an expired one, or a path sessions do not cover). */
  principalOf(request: AuthRequest): Principal | undefined;
}

export const SESSION_RESOLVER = Symbol('SESSION_RESOLVER');

/**
 * Who sent a request: its bearer token verified and the request charged to the rate limit, once per HTTP request
 * however many times it is asked (by the guard of each root field, or by a cache answering before any resolver).
 */
@Injectable()
export class RequestAuthenticator {
  private readonly outcomes = new WeakMap<AuthRequest, Promise<Principal | undefined>>();

  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    @Inject(TokenBucketRateLimiter) private readonly limiter: TokenBucketRateLimiter,
    @Optional() @Inject(SESSION_RESOLVER) private readonly sessions?: SessionResolver,
  ) {}

  /** The principal, or undefined for an anonymous request; rejects with the AuthException of a bad token or a spent limit. */
  authenticate(request: AuthRequest): Promise<Principal | undefined> {
    let outcome = this.outcomes.get(request);
    if (outcome === undefined) {
      outcome = this.verifyAndCharge(request);
      this.outcomes.set(request, outcome);
    }
    return outcome;
  }

  /**
   * Authenticates a request the app makes of itself (no HTTP caller, no token: the hub computing an answer before
   * anyone asks for it) as `principal`, without a rate-limit charge. Never call it with anything a caller sent.
   */
  actAs(request: AuthRequest, principal: Principal): void {
    request.principal = principal;
    this.outcomes.set(request, Promise.resolve(principal));
  }

  /** Every request is charged once: to its subject when the token verifies, otherwise to its address. */
  private async verifyAndCharge(request: AuthRequest): Promise<Principal | undefined> {
    const anonymousKey = `ip:${clientAddressOf(request)}`;
    let principal: Principal;
    try {
      const token = bearerTokenOf(request.headers.authorization);
      if (token === undefined) {
        const session = this.sessions?.principalOf(request);
        if (session === undefined) {
          this.charge(anonymousKey);
          return undefined;
        }
        principal = session;
      } else {
        principal = await this.verifier.verify(token);
      }
    } catch (error) {
      if (error instanceof AuthException && error.code !== AuthErrorCode.RATE_LIMITED) this.charge(anonymousKey);
      throw error;
    }
    this.charge(`sub:${principal.subject}`);
    request.principal = principal;
    return principal;
  }

  private charge(key: string): void {
    const decision = this.limiter.take(key);
    if (!decision.allowed) {
      throw new AuthException(AuthErrorCode.RATE_LIMITED, 'Too many requests; retry later', [], {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
  }
}

/** `Bearer <token>` (scheme case-insensitive, RFC 7235); undefined without a header, refused if malformed. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  if (match === null) {
    throw new AuthException(AuthErrorCode.INVALID_TOKEN, 'Authorization header must be "Bearer <token>"');
  }
  return match[1];
}
