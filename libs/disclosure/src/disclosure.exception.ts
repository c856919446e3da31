import { defineDomainException } from '#app/common';

/** Why the disclosure library refused its input. Messages name codes and counts only, never a pseudonym. */
export enum DisclosureErrorCode {
  INVALID_DIMENSION = 'INVALID_DIMENSION',
  INVALID_CELL = 'INVALID_CELL',
  INVALID_RECORD = 'INVALID_RECORD',
  INVALID_KEY = 'INVALID_KEY',
  INVALID_SECRET = 'INVALID_SECRET',
  INVALID_PARAMETERS = 'INVALID_PARAMETERS',
  INVALID_FLAG = 'INVALID_FLAG',
  /** The exact suppression check was asked of a cube too large for it (see `maxAuditedCellsPerPart`). */
  AUDIT_TOO_LARGE = 'AUDIT_TOO_LARGE',
}

export const DisclosureException = defineDomainException<DisclosureErrorCode>('DisclosureException', {
  INVALID_DIMENSION: 'BAD_INPUT',
  INVALID_CELL: 'BAD_INPUT',
  INVALID_RECORD: 'BAD_INPUT',
  INVALID_KEY: 'BAD_INPUT',
  INVALID_SECRET: 'BAD_INPUT',
  INVALID_PARAMETERS: 'BAD_INPUT',
  INVALID_FLAG: 'BAD_INPUT',
  AUDIT_TOO_LARGE: 'LIMIT',
});
export type DisclosureException = InstanceType<typeof DisclosureException>;
