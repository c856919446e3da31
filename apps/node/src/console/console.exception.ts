import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ConsoleErrorCode {
  /** The sign-in code is not a token this node accepts (signature, issuer, audience, expiry): `reason` says which. */
  SIGN_IN_CODE_INVALID = 'SIGN_IN_CODE_INVALID',
  /** The sign-in code was exchanged for a session before: each works once. */
  SIGN_IN_CODE_USED = 'SIGN_IN_CODE_USED',
  /** A token valid for longer than a sign-in code may be (an API token pasted into a link). */
  SIGN_IN_CODE_TOO_LONG_LIVED = 'SIGN_IN_CODE_TOO_LONG_LIVED',
  /** The identity provider's sign-in did not complete (state, code, tokens): `reason` says at which step. */
  SIGN_IN_REFUSED = 'SIGN_IN_REFUSED',
  /** The account has no role the console serves. */
  NOT_A_CONSOLE_ROLE = 'NOT_A_CONSOLE_ROLE',
  /** The form was acted on already, or is older than the session's open forms. */
  FORM_EXPIRED = 'FORM_EXPIRED',
  /** A state-changing request without the session's CSRF token or from another origin. */
  CROSS_SITE = 'CROSS_SITE',
  /** A console URL names something that is not a quarter. */
  INVALID_PERIOD = 'INVALID_PERIOD',
  NOT_FOUND = 'NOT_FOUND',
  /** One import runs at a time at a node: a second would wait on the first's transaction. */
  IMPORT_RUNNING = 'IMPORT_RUNNING',
  /** The embedded database is one session, held by a running import: pages that read data wait for it. */
  DATABASE_BUSY = 'DATABASE_BUSY',
  /** An import form sent without a file. */
  NO_FILE = 'NO_FILE',
}

const categoryOfCode: Readonly<Record<ConsoleErrorCode, DomainExceptionCategory>> = {
  [ConsoleErrorCode.SIGN_IN_CODE_INVALID]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.SIGN_IN_CODE_USED]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.SIGN_IN_CODE_TOO_LONG_LIVED]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.SIGN_IN_REFUSED]: 'UNAUTHENTICATED',
  [ConsoleErrorCode.NOT_A_CONSOLE_ROLE]: 'FORBIDDEN',
  [ConsoleErrorCode.FORM_EXPIRED]: 'CONFLICT',
  [ConsoleErrorCode.CROSS_SITE]: 'FORBIDDEN',
  [ConsoleErrorCode.INVALID_PERIOD]: 'BAD_INPUT',
  [ConsoleErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [ConsoleErrorCode.IMPORT_RUNNING]: 'CONFLICT',
  [ConsoleErrorCode.NO_FILE]: 'BAD_INPUT',
  [ConsoleErrorCode.DATABASE_BUSY]: 'UNAVAILABLE',
};

export class ConsoleException extends defineDomainException<ConsoleErrorCode>('ConsoleException', categoryOfCode) {}
