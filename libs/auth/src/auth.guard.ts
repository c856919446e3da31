import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { accessRuleOf } from './access-rule.js';
import { authRequestOf, clientAddressOf, type AuthRequest } from './auth-request.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { JwtVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';

/**
 * The one global guard of both apps (registered as APP_GUARD by AuthModule), for GraphQL resolvers and HTTP
 * controllers alike. Deny by default: an operation without `@Roles(...)` or `@Public()` is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** One verification and one rate-limit charge per HTTP request, however many root fields a query selects. */
  private readonly outcomes = new WeakMap<AuthRequest, Promise<Principal | undefined>>();

  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    @Inject(TokenBucketRateLimiter) private readonly limiter: TokenBucketRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    if (rule === undefined) {
      throw new AuthException(AuthErrorCode.FORBIDDEN, 'This operation declares no access rule and is refused');
    }
    const request = authRequestOf(context);
    if (request === undefined) {
      throw new AuthException(AuthErrorCode.UNAUTHENTICATED, 'No HTTP request to authenticate');
    }
    const principal = await this.authenticateOnce(request);
    if (rule.kind === 'PUBLIC') return true;
    if (principal === undefined) {
      throw new AuthException(AuthErrorCode.UNAUTHENTICATED, 'Sign-in required: send "Authorization: Bearer <token>"');
    }
    if (!principal.roles.some((role) => rule.roles.includes(role))) {
      throw new AuthException(AuthErrorCode.FORBIDDEN, 'Your roles do not allow this operation', [], {
        allowedRoles: rule.roles,
      });
    }
    return true;
  }

  private authenticateOnce(request: AuthRequest): Promise<Principal | undefined> {
    let outcome = this.outcomes.get(request);
    if (outcome === undefined) {
      outcome = this.authenticate(request);
      this.outcomes.set(request, outcome);
    }
    return outcome;
  }

  /** Every request is charged once: to its subject when the token verifies, otherwise to its address. */
  private async authenticate(request: AuthRequest): Promise<Principal | undefined> {
    const anonymousKey = `ip:${clientAddressOf(request)}`;
    let token: string | undefined;
    let principal: Principal;
    try {
      token = bearerTokenOf(request.headers.authorization);
      if (token === undefined) {
        this.charge(anonymousKey);
        return undefined;
      }
      principal = await this.verifier.verify(token);
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
