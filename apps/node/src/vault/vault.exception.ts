import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum VaultErrorCode {
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  /** The person revoked consent: the identity's key was destroyed and nothing can read it any more. */
  IDENTITY_SHREDDED = 'IDENTITY_SHREDDED',
  /** The stored identity does not authenticate under this node's vault key (tampering or another key). */
  IDENTITY_UNREADABLE = 'IDENTITY_UNREADABLE',
}

const categoryOfCode: Readonly<Record<VaultErrorCode, DomainExceptionCategory>> = {
  [VaultErrorCode.PERSON_NOT_FOUND]: 'NOT_FOUND',
  [VaultErrorCode.IDENTITY_SHREDDED]: 'NOT_FOUND',
  [VaultErrorCode.IDENTITY_UNREADABLE]: 'CONFLICT',
};

/** Failures of the node's identity vault; messages carry ids only, never identity values. */
export class NodeVaultException extends defineDomainException<VaultErrorCode>('NodeVaultException', categoryOfCode) {}
