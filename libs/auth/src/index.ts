import './role.graphql.js';

export { Role, ALL_ROLES, COUNTRY_SCOPED_ROLES, isRole, isCountryScopedRole } from './role.js';
export type { Principal, CountryCode } from './principal.js';
export { isEurostatCountryCode } from './principal.js';
export { AuthErrorCode, AuthException } from './auth.exception.js';
export type { TokenErrorCode } from './auth.exception.js';
export {
  AuthConfigError,
  DEFAULT_DEV_ISSUER_DIR,
  DEV_ISSUER,
  DEV_ISSUER_JWKS_FILE,
  DEV_ISSUER_PRIVATE_KEY_FILE,
  MAX_CLOCK_TOLERANCE_SECONDS,
  OBSERVATORY_AUDIENCE,
  resolveAuthConfig,
  validateAuthConfig,
} from './auth-config.js';
export type { AuthConfig, AuthMode, ResolvedAuthConfig } from './auth-config.js';
export { ACCEPTED_ALGORITHMS, JwtVerifier, MAX_TOKEN_LENGTH, principalFromClaims } from './jwt-verifier.js';
export type { VerifierSettings } from './jwt-verifier.js';
export { TokenBucketRateLimiter } from './rate-limiter.js';
export type { RateDecision, RateLimiterOptions } from './rate-limiter.js';
export { DevIssuer, MAX_DEV_TOKEN_TTL_SECONDS, parseTtl } from './dev-issuer.js';
export { DEV_TOKEN_USAGE, parseDevTokenArguments } from './dev-token-arguments.js';
export type { DevTokenCommand } from './dev-token-arguments.js';
export type { DevTokenRequest } from './dev-issuer.js';
export { actingAs, assertCountryInScope, countriesInScope, countryScopeOf, isCountryInScope } from './country-scope.js';
export type { CountryScope } from './country-scope.js';
export { ACCESS_RULE_METADATA, accessRuleOf } from './access-rule.js';
export type { AccessRule } from './access-rule.js';
export { Roles } from './roles.decorator.js';
export { Public } from './public.decorator.js';
export { CurrentPrincipal } from './current-principal.decorator.js';
export type { CurrentPrincipalOptions } from './current-principal.decorator.js';
export { authRequestOf, principalOfRequest } from './auth-request.js';
export type { AuthRequest } from './auth-request.js';
export { AuthGuard } from './auth.guard.js';
export { bearerTokenOf, RequestAuthenticator, SESSION_RESOLVER } from './request-authenticator.js';
export type { SessionResolver } from './request-authenticator.js';
export { AUTH_CONFIG, AuthModule } from './auth.module.js';
export { formatAccessMatrix, listAccessMatrix } from './access-matrix.js';
export type { AccessMatrixEntry, OperationAccess, OperationKind } from './access-matrix.js';
export { domainErrorExtensionsOf, toGraphQLErrorExtensions } from './graphql-error-extensions.js';
export type { DomainErrorExtensions } from './graphql-error-extensions.js';
export { QUERY_LIMIT_CODES, validateQueryLimits } from './query-limits/query-limits.js';
export type { QueryLimitCode, QueryLimits } from './query-limits/query-limits.js';
export { queryLimitRules } from './query-limits/query-limit.rules.js';
export { apolloQueryLimitOptions, firstLongList, variableListLimitPlugin } from './query-limits/query-limits.plugin.js';
export { documentBytes, exceedsDocumentBytes, maxDocumentBytes } from './query-limits/document-size.js';
