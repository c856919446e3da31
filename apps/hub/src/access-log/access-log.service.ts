import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Principal } from '#app/auth';
import { noteCapturedAccess } from './access-events.capture.js';
import { AccessLogRepository, type AccessLogRow } from './access-log.repository.js';
import type { AccessLogEntryModel } from './access-log.model.js';

/** Operations that read figures; the access log names them so that an auditor can group requests. */
export type AccessOperation = 'figures' | 'comparativeReport' | 'previewFigures' | 'export' | 'reportPage';

export interface AccessEvent {
  /** The caller as it acted in the operation (see `actingAs`); undefined for an anonymous reader. */
  readonly principal: Principal | undefined;
  readonly operation: AccessOperation;
  readonly dataset?: string;
  readonly release?: number | null;
  readonly format?: string;
  readonly country?: string;
}

export const MAX_ACCESS_LOG_ENTRIES = 1000;

interface PendingEntry {
  readonly row: AccessLogRow;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The audit trail of who asked for which dataset and release. A request is answered only once its entry is stored
 * (`record` resolves then, and fails if the insert fails). Entries of concurrent requests are written together, one
 * multi-row insert per round (group commit), so a busy hub does not spend a transaction per request on its log. Only
 * the request's coordinates are kept, never a filter, a cell or anything below the aggregate.
 */
@Injectable()
export class AccessLogService implements BeforeApplicationShutdown {
  private pending: PendingEntry[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly repository: AccessLogRepository) {}

  record(event: AccessEvent, at = new Date()): Promise<void> {
    const { principal: _caller, ...coordinates } = event;
    if (!noteCapturedAccess(coordinates)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({
        row: [
          at,
          event.principal?.subject ?? null,
          event.principal === undefined ? null : event.principal.roles.join(','),
          event.operation,
          event.dataset ?? null,
          event.release ?? null,
          event.format ?? null,
          event.country ?? null,
        ],
        resolve,
        reject,
      });
      this.flushing ??= this.flush();
    });
  }

  /** Writes whatever is pending, round after round, until nothing is; entries arriving meanwhile join the next round. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.insert(batch.map((entry) => entry.row));
          for (const entry of batch) entry.resolve();
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async insert(rows: readonly AccessLogRow[]): Promise<void> {
    await this.repository.insert(rows);
  }

  /** Lets a round in progress finish before the database closes (DatabaseModule closes it on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flushing;
  }

  /** The latest entries, newest first, optionally of one dataset. */
  async recent(limit: number, dataset?: string): Promise<AccessLogEntryModel[]> {
    const entries = await this.repository.latest(Math.max(1, Math.min(limit, MAX_ACCESS_LOG_ENTRIES)), dataset);
    return entries.map((entry) => ({
      at: entry.at,
      subject: entry.subject,
      role: entry.role,
      operation: entry.operation,
      dataset: entry.dataset,
      release: entry.releaseNumber,
      format: entry.format,
      country: entry.country,
    }));
  }
}
