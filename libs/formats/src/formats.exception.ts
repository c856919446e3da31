/** Stable codes that callers (the hub's export endpoints, tests) can rely on. */
export const FormatsExceptionCode = {
  INVALID_TABLE: 'INVALID_TABLE',
  UNKNOWN_FLAG: 'UNKNOWN_FLAG',
  INVALID_OPTION: 'INVALID_OPTION',
  INCOMPATIBLE_TABLES: 'INCOMPATIBLE_TABLES',
  TOO_LARGE: 'TOO_LARGE',
} as const;

export type FormatsExceptionCode = (typeof FormatsExceptionCode)[keyof typeof FormatsExceptionCode];

/**
 * Raised before any output is produced, so a caller streaming a file can still answer with an error.
 * Messages name dimensions, codes and positions only: a figure table holds no identity values.
 */
export class FormatsException extends Error {
  constructor(
    readonly code: FormatsExceptionCode,
    message: string,
  ) {
    super(message);
    this.name = 'FormatsException';
  }
}
