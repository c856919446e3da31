import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ConsoleErrorCode {
  /** The sign-in code is not a token this node accepts (signature, issuer, audience, expiry): `reason` says which. */
  SIGN_IN_CODE_INVALID = 'SIGN_IN_CODE_INVALID',
  /** The sign-in code was exchanged for a session before: each works once. */
  SIGN_IN_CODE_USED = 'SIGN_IN_CODE_USED',
  /** A token valid for longer than a sign-in code may be (an API token pasted into a link). */
  SIGN_IN_CODE_TOO_LONG_LIVED = 'SIGN_IN_CODE_TOO_LONG_LIVED',
  /** The account has no role the console serves. */
  NOT_A_CONSOLE_ROLE = 'NOT_A_CONSOLE_ROLE',
  /** The form was acted on already, or is older than the session's open forms. */
  FORM_EXPIRED = 'FORM_EXPIRED',
  /** A state-changing request without the session's CSRF token or from another origin. */
  CROSS_SITE = 'CROSS_SITE',
  /** A console URL names something that is not a quarter. */
  INVALID_PERIOD = 'INVALID_PERIOD',
  NOT_FOUND = 'NOT_FOUND',
}

const categoryOfCode: Readonly<Record<ConsoleErrorCode, DomainExceptionCategory>> = {
  [ConsoleErrorCode.SIGN_IN_CODE_INVALID]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.SIGN_IN_CODE_USED]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.SIGN_IN_CODE_TOO_LONG_LIVED]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.NOT_A_CONSOLE_ROLE]: 'FORBIDDEN',
  [ConsoleErrorCode.FORM_EXPIRED]: 'CONFLICT',
  [ConsoleErrorCode.CROSS_SITE]: 'FORBIDDEN',
  [ConsoleErrorCode.INVALID_PERIOD]: 'BAD_INPUT',
  [ConsoleErrorCode.NOT_FOUND]: 'NOT_FOUND',
};

export class ConsoleException extends defineDomainException<ConsoleErrorCode>('ConsoleException', categoryOfCode) {}
