import { defineDomainException, type DomainExceptionCategory } from '#app/common';

/** Stable error codes of authentication, authorisation and query limits; clients and tests rely on them. */
export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_TOKEN = 'INVALID_TOKEN',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_NOT_YET_VALID = 'TOKEN_NOT_YET_VALID',
  WRONG_AUDIENCE = 'WRONG_AUDIENCE',
  WRONG_ISSUER = 'WRONG_ISSUER',
  UNKNOWN_SIGNING_KEY = 'UNKNOWN_SIGNING_KEY',
  FORBIDDEN = 'FORBIDDEN',
  COUNTRY_OUT_OF_SCOPE = 'COUNTRY_OUT_OF_SCOPE',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  QUERY_TOO_WIDE = 'QUERY_TOO_WIDE',
  LIST_TOO_LONG = 'LIST_TOO_LONG',
  QUERY_TOO_LARGE = 'QUERY_TOO_LARGE',
}

const categoryOfCode: Readonly<Record<AuthErrorCode, DomainExceptionCategory>> = {
  [AuthErrorCode.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [AuthErrorCode.INVALID_TOKEN]: 'UNAUTHENTICATED',
  [AuthErrorCode.TOKEN_EXPIRED]: 'UNAUTHENTICATED',
  [AuthErrorCode.TOKEN_NOT_YET_VALID]: 'UNAUTHENTICATED',
  [AuthErrorCode.WRONG_AUDIENCE]: 'UNAUTHENTICATED',
  [AuthErrorCode.WRONG_ISSUER]: 'UNAUTHENTICATED',
  [AuthErrorCode.UNKNOWN_SIGNING_KEY]: 'UNAUTHENTICATED',
  [AuthErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [AuthErrorCode.COUNTRY_OUT_OF_SCOPE]: 'FORBIDDEN',
  [AuthErrorCode.RATE_LIMITED]: 'LIMIT',
  [AuthErrorCode.QUERY_TOO_DEEP]: 'BAD_INPUT',
  [AuthErrorCode.TOO_MANY_ALIASES]: 'BAD_INPUT',
  [AuthErrorCode.QUERY_TOO_WIDE]: 'BAD_INPUT',
  [AuthErrorCode.LIST_TOO_LONG]: 'BAD_INPUT',
  [AuthErrorCode.QUERY_TOO_LARGE]: 'BAD_INPUT',
};

/** Every refusal of this library. Messages never contain the token, a claim value that identifies someone, or a key. */
export class AuthException extends defineDomainException<AuthErrorCode>('AuthException', categoryOfCode) {}

/** Codes a token can be refused with by the verifier (the guard adds the others). */
export type TokenErrorCode =
  | AuthErrorCode.INVALID_TOKEN
  | AuthErrorCode.TOKEN_EXPIRED
  | AuthErrorCode.TOKEN_NOT_YET_VALID
  | AuthErrorCode.WRONG_AUDIENCE
  | AuthErrorCode.WRONG_ISSUER
  | AuthErrorCode.UNKNOWN_SIGNING_KEY;
