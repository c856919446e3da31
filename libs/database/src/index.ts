export { openDatabase, OpenDatabase } from './open-database.js';
export type { DatabaseKind, MigrationState, OpenDatabaseOptions } from './open-database.js';
export { EmbeddedPostgres } from './embedded-postgres.js';
export { DatabaseException, DatabaseErrorCode } from './database.exception.js';
export { createScratchDatabase } from './test-database.js';
export type { ScratchDatabase } from './test-database.js';
export { DatabaseModule } from './database.module.js';
export type { DatabaseModuleOptions } from './database.module.js';
export { LIST_SEPARATOR, joinedList, splitListSql } from './list-parameters.js';
