import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum NodesErrorCode {
  INVALID_NODE_ID = 'INVALID_NODE_ID',
  INVALID_COUNTRY = 'INVALID_COUNTRY',
  INVALID_PUBLIC_KEY = 'INVALID_PUBLIC_KEY',
  NODE_EXISTS = 'NODE_EXISTS',
  NODE_NOT_FOUND = 'NODE_NOT_FOUND',
  NODE_RETIRED = 'NODE_RETIRED',
  COUNTRY_TAKEN = 'COUNTRY_TAKEN',
  KEY_EXISTS = 'KEY_EXISTS',
  KEY_NOT_FOUND = 'KEY_NOT_FOUND',
  KEY_RETIRED = 'KEY_RETIRED',
  /** The message's `iat` is ahead of the hub's clock by more than the tolerated skew: a wrong clock or a forgery. */
  SIGNED_IN_FUTURE = 'SIGNED_IN_FUTURE',
}

const categoryOf: Readonly<Record<NodesErrorCode, DomainExceptionCategory>> = {
  [NodesErrorCode.INVALID_NODE_ID]: 'BAD_INPUT',
  [NodesErrorCode.INVALID_COUNTRY]: 'BAD_INPUT',
  [NodesErrorCode.INVALID_PUBLIC_KEY]: 'BAD_INPUT',
  [NodesErrorCode.NODE_EXISTS]: 'CONFLICT',
  [NodesErrorCode.NODE_NOT_FOUND]: 'NOT_FOUND',
  [NodesErrorCode.NODE_RETIRED]: 'CONFLICT',
  [NodesErrorCode.COUNTRY_TAKEN]: 'CONFLICT',
  [NodesErrorCode.KEY_EXISTS]: 'CONFLICT',
  [NodesErrorCode.KEY_NOT_FOUND]: 'NOT_FOUND',
  [NodesErrorCode.KEY_RETIRED]: 'CONFLICT',
  [NodesErrorCode.SIGNED_IN_FUTURE]: 'BAD_INPUT',
};

/** Failures of the node registry; node ids, country codes and key ids may appear in messages, nothing else. */
export class NodesException extends defineDomainException<NodesErrorCode>('NodesException', categoryOf) {}
