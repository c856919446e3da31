import { DomainException } from '#app/common';

/** Refusals of a request's raw input, before any feature sees it; both apps share them. */
export enum RequestInputErrorCode {
  /** The JSON body is not UTF-8: bytes that are no character would be silently replaced. */
  INVALID_UTF8 = 'INVALID_UTF8',
  /** A JSON body in another character set than UTF-8 (RFC 8259 section 8.1). */
  UNSUPPORTED_CHARSET = 'UNSUPPORTED_CHARSET',
  /** An object of the JSON body names a key twice: readers disagree on which value counts. */
  DUPLICATE_KEY = 'DUPLICATE_KEY',
  /** Text with a NUL character (PostgreSQL cannot store it) or an unpaired surrogate (not Unicode text). */
  INVALID_CHARACTER = 'INVALID_CHARACTER',
}

const statusOf: Readonly<Record<RequestInputErrorCode, number>> = {
  [RequestInputErrorCode.INVALID_UTF8]: 400,
  [RequestInputErrorCode.UNSUPPORTED_CHARSET]: 415,
  [RequestInputErrorCode.DUPLICATE_KEY]: 400,
  [RequestInputErrorCode.INVALID_CHARACTER]: 400,
};

/** Messages name the problem and where it is, never the offending value. */
export class RequestInputException extends DomainException {
  readonly httpStatus: number;

  constructor(code: RequestInputErrorCode, message: string, fields: readonly string[] = []) {
    super(code, message, fields);
    this.httpStatus = statusOf[code];
  }
}
