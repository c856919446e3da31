import { DomainException } from '#app/common';

export enum DatabaseErrorCode {
  DATA_DIR_IN_USE = 'DATA_DIR_IN_USE',
  UNREACHABLE = 'DATABASE_UNREACHABLE',
  MIGRATION_FAILED = 'MIGRATION_FAILED',
}

export class DatabaseException extends DomainException {
  readonly httpStatus = 503;
  constructor(code: DatabaseErrorCode, message: string) {
    super(code, message);
  }
}
