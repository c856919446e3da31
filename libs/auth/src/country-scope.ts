import { AuthErrorCode, AuthException } from './auth.exception.js';
import type { CountryCode, Principal } from './principal.js';
import { isCountryScopedRole, type Role } from './role.js';

/** The countries a principal may act for in the current operation. */
export type CountryScope = { readonly kind: 'ALL' } | { readonly kind: 'ONLY'; readonly countries: readonly CountryCode[] };

/**
 * The principal as it acts in one operation: only the roles that operation allows. Without this, a person who is
 * a RESEARCHER (unscoped) and a RAPPORTEUR for AT could submit for any country through a rapporteur-only mutation.
 * `@CurrentPrincipal()` applies it from the operation's `@Roles(...)`.
 */
export function actingAs(principal: Principal, allowedRoles: readonly Role[]): Principal {
  return { ...principal, roles: principal.roles.filter((role) => allowedRoles.includes(role)) };
}

/** Unscoped as soon as one role is not country-scoped (HUB_ADMIN, RESEARCHER, INTERNATIONAL_BODY). */
export function countryScopeOf(principal: Principal): CountryScope {
  if (principal.roles.some((role) => !isCountryScopedRole(role))) {
    return { kind: 'ALL' };
  }
  return { kind: 'ONLY', countries: principal.roles.length === 0 ? [] : principal.countries };
}

export function isCountryInScope(principal: Principal, country: CountryCode): boolean {
  const scope = countryScopeOf(principal);
  return scope.kind === 'ALL' || scope.countries.includes(country);
}

/** For services and resolvers acting on one country's data: refuses with COUNTRY_OUT_OF_SCOPE. */
export function assertCountryInScope(principal: Principal, country: CountryCode, field = 'country'): void {
  if (!isCountryInScope(principal, country)) {
    throw new AuthException(AuthErrorCode.COUNTRY_OUT_OF_SCOPE, `Not allowed to act for country ${country}`, [field], { country });
  }
}

/**
 * Narrows a request for several countries (none requested = all the caller may see). A scoped principal asking for
 * a country outside its scope is refused rather than silently given less, so a client never mistakes a partial
 * answer for a complete one.
 */
export function countriesInScope(principal: Principal, requested: readonly CountryCode[] | undefined, field = 'countries'): CountryScope {
  const scope = countryScopeOf(principal);
  if (requested === undefined || requested.length === 0) {
    return scope;
  }
  const unique = [...new Set(requested)];
  if (scope.kind === 'ONLY') {
    const outside = unique.filter((country) => !scope.countries.includes(country));
    if (outside.length > 0) {
      throw new AuthException(
        AuthErrorCode.COUNTRY_OUT_OF_SCOPE,
        `Not allowed to act for ${outside.length === 1 ? 'country' : 'countries'} ${outside.join(', ')}`,
        [field],
        { countries: outside },
      );
    }
  }
  return { kind: 'ONLY', countries: unique };
}
