import { Inject, Injectable } from '@nestjs/common';
import { OpenDatabase } from '#app/database';
import { appVersion } from '../app-version.js';
import { type AppRole, DatabaseKindModel, type HealthModel } from './health.model.js';

export const APP_ROLE = Symbol('APP_ROLE');

@Injectable()
export class HealthService {
  private readonly version = appVersion();

  constructor(
    private readonly database: OpenDatabase,
    @Inject(APP_ROLE) private readonly role: AppRole,
  ) {}

  async health(): Promise<HealthModel> {
    const migrations = await this.database.migrationState();
    return {
      role: this.role,
      version: this.version,
      database: DatabaseKindModel[this.database.kind],
      migrations,
      ready: migrations.pending === 0,
    };
  }

  /** Ready means the database answers a query now and the schema is current. */
  async isReady(): Promise<boolean> {
    try {
      await this.database.dataSource.query('SELECT 1');
      return (await this.database.migrationState()).pending === 0;
    } catch {
      return false;
    }
  }
}
