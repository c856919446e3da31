import { describe, expect, it } from '@jest/globals';
import { DomainException } from '#app/common';
import { CryptoErrorCode, CryptoException, VaultException } from './crypto.exception.js';

describe('CryptoException', () => {
  it('is a DomainException carrying its code and an HTTP status per code', () => {
    const exception = new CryptoException(CryptoErrorCode.BAD_SIGNATURE, 'The JWS signature does not verify.', [], { kid: 'k' });
    expect(exception).toBeInstanceOf(DomainException);
    expect(exception.name).toBe('CryptoException');
    expect(exception.code).toBe('BAD_SIGNATURE');
    expect(exception.httpStatus).toBe(401);
    expect(exception.details).toEqual({ kid: 'k' });
  });

  it.each([
    [CryptoErrorCode.MALFORMED, 400],
    [CryptoErrorCode.UNSUPPORTED_ALGORITHM, 400],
    [CryptoErrorCode.WRONG_TYPE, 400],
    [CryptoErrorCode.UNKNOWN_KEY, 401],
    [CryptoErrorCode.TOO_LARGE, 429],
    [CryptoErrorCode.KEY_SHREDDED, 404],
    [CryptoErrorCode.DECRYPTION_FAILED, 409],
    [CryptoErrorCode.BAD_KEY_FILE, 409],
  ])('maps %s to HTTP %i', (code, status) => {
    expect(new CryptoException(code, 'message').httpStatus).toBe(status);
  });
});

describe('VaultException', () => {
  it('is a CryptoException, so one handler maps both', () => {
    const exception = new VaultException(CryptoErrorCode.KEY_SHREDDED, 'The identity was shredded.');
    expect(exception).toBeInstanceOf(CryptoException);
    expect(exception).toBeInstanceOf(DomainException);
    expect(exception.name).toBe('VaultException');
    expect(exception.code).toBe('KEY_SHREDDED');
    expect(exception.httpStatus).toBe(404);
  });
});
