import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageWindow } from '#app/platform';
import { CASE_FIELDS, type Protection, type StoredCaseFields } from '#app/standard';
import type { HubStatus, OutboxState } from '../outbox/outbox-state.js';
import { QuarterlyReturnEntity } from './quarterly-return.entity.js';
import type { ReturnSourceRow } from './return-builder.js';

/** Where a return's message stands in the outbox. */
export interface ReturnDelivery {
  readonly state: OutboxState;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly hubStatus: HubStatus | null;
  readonly deliveredAt: Date | null;
  /** When the next delivery attempt is due (a pending message); null once it is delivered or refused for good. */
  readonly nextAttemptAt: Date | null;
}

export interface ListedReturn {
  readonly saved: QuarterlyReturnEntity;
  readonly delivery: ReturnDelivery;
}

const SOURCE_ROWS_SQL = `SELECT p.pseudonym, (p.international_consent_given_on IS NOT NULL AND p.revoked_at IS NULL) AS consent,
        ${CASE_FIELDS.map((field) => `r.${field.column}`).join(', ')}, r.protection
   FROM registration r JOIN person p ON p.id = r.person_id
  WHERE r.period = $1`;

/** SQL of quarterly returns: the registrations a return is built from, and the returns signed so far. */
@Injectable()
export class ReturnsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The registrations of the period with their person's consent. A person counts as consenting only while
   * international consent is in force and they have not revoked it.
   */
  async sourceRows(manager: EntityManager, period: string): Promise<ReturnSourceRow[]> {
    const rows: Array<Record<string, unknown> & { pseudonym: string; consent: boolean; protection: Protection | null }> =
      await manager.query(SOURCE_ROWS_SQL, [period]);
    return rows.map((row) => ({
      pseudonym: row.pseudonym,
      internationalConsent: row.consent,
      ...(Object.fromEntries(CASE_FIELDS.map((field) => [field.name, row[field.column] ?? null])) as StoredCaseFields),
      protection: row.protection,
    }));
  }

  /** Whether an earlier return of the period counted any registration (sent or withheld), since removed or not. */
  async hadRegistrations(manager: EntityManager, period: string): Promise<boolean> {
    const [row]: Array<{ had: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM quarterly_return
                       WHERE period = $1 AND record_count + withheld_no_consent + withheld_invalid > 0) AS had`,
      [period],
    );
    return row?.had === true;
  }

  async nextRevision(manager: EntityManager, period: string): Promise<number> {
    const [row]: Array<{ revision: number | null }> = await manager.query(
      'SELECT max(revision) AS revision FROM quarterly_return WHERE period = $1',
      [period],
    );
    return (row?.revision ?? 0) + 1;
  }

  async insert(manager: EntityManager, saved: QuarterlyReturnEntity): Promise<void> {
    await manager.insert(QuarterlyReturnEntity, saved);
  }

  /** The latest returns, newest first, with their delivery state (of one period, or all). */
  async list(period: string | null, window: PageWindow): Promise<ListedReturn[]> {
    const rows: Array<{
      id: string;
      period: string;
      revision: number;
      generated_at: Date;
      record_count: number;
      withheld_no_consent: number;
      withheld_invalid: number;
      confirmed_zero: boolean;
      submitted_by: string;
      state: OutboxState;
      attempts: number;
      last_error_code: string | null;
      hub_status: HubStatus | null;
      delivered_at: Date | null;
      next_attempt_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT q.id, q.period, q.revision, q.generated_at, q.record_count, q.withheld_no_consent, q.withheld_invalid,
              q.confirmed_zero, q.submitted_by, m.state, m.attempts, m.last_error_code, m.hub_status, m.delivered_at,
              CASE WHEN m.state IN ('PENDING', 'SENDING') THEN m.next_attempt_at END AS next_attempt_at
         FROM quarterly_return q JOIN outbox_message m ON m.id = q.id
        WHERE ($1::text IS NULL OR q.period = $1)
        ORDER BY q.generated_at DESC, q.revision DESC
        LIMIT $2 OFFSET $3`,
      [period, window.limit, window.offset],
    );
    return rows.map((row) => ({
      saved: Object.assign(new QuarterlyReturnEntity(), {
        id: row.id,
        period: row.period,
        revision: row.revision,
        generatedAt: new Date(row.generated_at),
        recordCount: row.record_count,
        withheldNoConsent: row.withheld_no_consent,
        withheldInvalid: row.withheld_invalid,
        confirmedZero: row.confirmed_zero,
        submittedBy: row.submitted_by,
      }),
      delivery: {
        state: row.state,
        attempts: row.attempts,
        lastErrorCode: row.last_error_code,
        hubStatus: row.hub_status,
        deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at),
        nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at),
      },
    }));
  }

  /** The signed return (compact JWS) of the period's latest revision, or undefined before any submission. */
  async latestSignedReturn(period: string): Promise<{ revision: number; jws: string } | undefined> {
    const [row]: Array<{ revision: number; payload: string }> = await this.dataSource.query(
      `SELECT q.revision, m.payload FROM quarterly_return q JOIN outbox_message m ON m.id = q.id
        WHERE q.period = $1 ORDER BY q.revision DESC LIMIT 1`,
      [period],
    );
    return row === undefined ? undefined : { revision: row.revision, jws: row.payload };
  }
}
