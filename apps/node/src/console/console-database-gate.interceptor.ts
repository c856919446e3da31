import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { NodeConfig } from '../config/node.config.js';
import { ConsoleImports } from './console-imports.service.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/**
 * On the embedded database (one session, held by an import's transaction from start to commit) a page that reads
 * the data would wait for the whole import and then time out: it is answered at once instead (503, saying why and
 * that the import page follows it). On PostgreSQL pages are served during an import as at any time.
 */
@Injectable()
export class ConsoleDatabaseGate implements NestInterceptor {
  constructor(
    private readonly config: NodeConfig,
    private readonly imports: ConsoleImports,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.config.databaseUrl === undefined && this.imports.isRunning()) {
      throw new ConsoleException(ConsoleErrorCode.DATABASE_BUSY, 'The embedded database is busy with an import.', []);
    }
    return next.handle();
  }
}
