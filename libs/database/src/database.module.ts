import { type DynamicModule, Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase, OpenDatabase, type OpenDatabaseOptions } from './open-database.js';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: OpenDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

export interface DatabaseModuleOptions {
  /** Nest injection tokens (classes, strings or symbols). */
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...dependencies: never[]) => OpenDatabaseOptions | Promise<OpenDatabaseOptions>;
}

/** Provides the app's `OpenDatabase` and its TypeORM `DataSource`, and closes both when the app shuts down. */
@Global()
@Module({})
export class DatabaseModule {
  static forRootAsync(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: OpenDatabase,
          inject: options.inject ?? [],
          useFactory: async (...dependencies: never[]) => openDatabase(await options.useFactory(...dependencies)),
        },
        { provide: DataSource, inject: [OpenDatabase], useFactory: (database: OpenDatabase) => database.dataSource },
        DatabaseLifecycle,
      ],
      exports: [OpenDatabase, DataSource],
    };
  }
}
