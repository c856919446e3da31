import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum OutboxErrorCode {
  INVALID_LIMIT = 'INVALID_LIMIT',
}

const categoryOfCode: Readonly<Record<OutboxErrorCode, DomainExceptionCategory>> = {
  [OutboxErrorCode.INVALID_LIMIT]: 'BAD_INPUT',
};

export class OutboxException extends defineDomainException<OutboxErrorCode>('OutboxException', categoryOfCode) {}
