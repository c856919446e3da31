import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { accessRuleOf } from './access-rule.js';
import { authRequestOf } from './auth-request.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { RequestAuthenticator } from './request-authenticator.js';

/**
 * The one global guard of both apps (registered as APP_GUARD by AuthModule), for GraphQL resolvers and HTTP
 * controllers alike. Deny by default: an operation without `@Roles(...)` or `@Public()` is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    if (rule === undefined) {
      throw new AuthException(AuthErrorCode.FORBIDDEN, 'This operation declares no access rule and is refused');
    }
    const request = authRequestOf(context);
    if (request === undefined) {
      throw new AuthException(AuthErrorCode.UNAUTHENTICATED, 'No HTTP request to authenticate');
    }
    const principal = await this.authenticator.authenticate(request);
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
}
