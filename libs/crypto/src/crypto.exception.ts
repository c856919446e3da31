import { defineDomainException, type DomainExceptionCategory } from '#app/common';

/** Stable error codes of the crypto library; clients and tests rely on them. */
export enum CryptoErrorCode {
  MALFORMED = 'MALFORMED',
  UNSUPPORTED_ALGORITHM = 'UNSUPPORTED_ALGORITHM',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  WRONG_TYPE = 'WRONG_TYPE',
  TOO_LARGE = 'TOO_LARGE',
  KEY_SHREDDED = 'KEY_SHREDDED',
  DECRYPTION_FAILED = 'DECRYPTION_FAILED',
  BAD_KEY_FILE = 'BAD_KEY_FILE',
}

const categoryOfCode: Readonly<Record<CryptoErrorCode, DomainExceptionCategory>> = {
  [CryptoErrorCode.MALFORMED]: 'BAD_INPUT',
  [CryptoErrorCode.UNSUPPORTED_ALGORITHM]: 'BAD_INPUT',
  [CryptoErrorCode.UNKNOWN_KEY]: 'UNAUTHENTICATED',
  [CryptoErrorCode.BAD_SIGNATURE]: 'UNAUTHENTICATED',
  [CryptoErrorCode.WRONG_TYPE]: 'BAD_INPUT',
  [CryptoErrorCode.TOO_LARGE]: 'LIMIT',
  // A shredded identity is gone for good: the record exists, its content does not.
  [CryptoErrorCode.KEY_SHREDDED]: 'NOT_FOUND',
  // Failed authentication of stored data is a server-side integrity problem, not the caller's input;
  // CONFLICT is the closest category the common base offers.
  [CryptoErrorCode.DECRYPTION_FAILED]: 'CONFLICT',
  [CryptoErrorCode.BAD_KEY_FILE]: 'CONFLICT',
};

/**
 * Every failure of this library. Messages name what failed and why, never a payload, an identity value or a key.
 */
export class CryptoException extends defineDomainException<CryptoErrorCode>('CryptoException', categoryOfCode) {}

/** The codes the identity vault raises. */
export type VaultErrorCode = CryptoErrorCode.KEY_SHREDDED | CryptoErrorCode.DECRYPTION_FAILED | CryptoErrorCode.MALFORMED;

/** Failure to open or seal an identity; still a `CryptoException`, so one handler maps both. */
export class VaultException extends CryptoException {
  constructor(code: VaultErrorCode, message: string, fields: readonly string[] = [], details: Readonly<Record<string, unknown>> = {}) {
    super(code, message, fields, details);
    this.name = 'VaultException';
  }
}
