import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { accessRuleOf } from './access-rule.js';
import { authRequestOf } from './auth-request.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { actingAs } from './country-scope.js';
import type { Principal } from './principal.js';

export interface CurrentPrincipalOptions {
  /** On a `@Public()` operation, yield undefined for anonymous callers instead of refusing. */
  readonly optional?: boolean;
}

/**
 * The caller of a resolver or controller method, limited to the roles the operation's `@Roles(...)` allows, so that
 * `assertCountryInScope` judges the caller in the capacity in which it acts (see `actingAs`).
 */
export const CurrentPrincipal = createParamDecorator(
  (options: CurrentPrincipalOptions | undefined, context: ExecutionContext): Principal | undefined => {
    const principal = authRequestOf(context)?.principal;
    if (principal === undefined) {
      if (options?.optional === true) return undefined;
      throw new AuthException(AuthErrorCode.UNAUTHENTICATED, 'Sign-in required: send "Authorization: Bearer <token>"');
    }
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    return rule?.kind === 'ROLES' ? actingAs(principal, rule.roles) : principal;
  },
);
