import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageWindow } from '#app/platform';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { OutboxState, type HubStatus, type OutboxKind } from './outbox-state.js';

/** The oldest undelivered message, as the queue's head is read under its row lock. */
export interface QueueHead {
  readonly id: string;
  readonly kind: OutboxKind;
  readonly state: OutboxState;
  readonly payload: string;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly leaseUntil: Date | null;
}

export interface OutboxFilter {
  readonly states?: readonly OutboxState[];
  readonly kind?: OutboxKind;
}

// Any constant shared by the transactions that create messages; see `OutboxService.lockQueue`.
const QUEUE_LOCK_KEY = 7_310_442_001;
/** Updates of a delivery's outcome apply only while that delivery still holds the lease. */
const STILL_SENDING = `WHERE id = $1 AND state = 'SENDING'`;

/** SQL of the outbox table; `updated` answers say whether the row was still in the state the change expects. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lockQueue(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [QUEUE_LOCK_KEY]);
  }

  async insertPending(manager: EntityManager, message: { id: string; kind: OutboxKind; payload: string }, now: Date): Promise<void> {
    await manager.insert(OutboxMessageEntity, {
      id: message.id,
      kind: message.kind,
      state: OutboxState.PENDING,
      payload: message.payload,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastAttemptAt: null,
      lastErrorCode: null,
      hubStatus: null,
      receipt: null,
      deliveredAt: null,
      createdAt: now,
    });
  }

  async list(filter: OutboxFilter, window: PageWindow): Promise<OutboxMessageEntity[]> {
    const query = this.dataSource.getRepository(OutboxMessageEntity).createQueryBuilder('message');
    if (filter.states !== undefined && filter.states.length > 0) query.andWhere('message.state IN (:...states)', { states: filter.states });
    if (filter.kind !== undefined) query.andWhere('message.kind = :kind', { kind: filter.kind });
    return query.orderBy('message.created_at', 'DESC').addOrderBy('message.id').limit(window.limit).offset(window.offset).getMany();
  }

  async findById(manager: EntityManager, id: string): Promise<OutboxMessageEntity | null> {
    return manager.findOneBy(OutboxMessageEntity, { id });
  }

  /** The head of the queue, locked until the transaction ends. */
  async lockHead(manager: EntityManager): Promise<QueueHead | undefined> {
    const rows: Array<{
      id: string;
      kind: OutboxKind;
      state: OutboxState;
      payload: string;
      attempts: number;
      next_attempt_at: Date;
      lease_until: Date | null;
    }> = await manager.query(
      `SELECT id, kind, state, payload, attempts, next_attempt_at, lease_until
         FROM outbox_message WHERE state IN ('PENDING', 'SENDING') ORDER BY seq LIMIT 1 FOR UPDATE`,
    );
    const head = rows[0];
    if (head === undefined) return undefined;
    return {
      id: head.id,
      kind: head.kind,
      state: head.state,
      payload: head.payload,
      attempts: head.attempts,
      nextAttemptAt: new Date(head.next_attempt_at),
      leaseUntil: head.lease_until === null ? null : new Date(head.lease_until),
    };
  }

  async markSending(manager: EntityManager, id: string, leaseUntil: Date, now: Date): Promise<void> {
    await manager.query(
      `UPDATE outbox_message SET state = 'SENDING', lease_until = $2, attempts = attempts + 1, last_attempt_at = $3 WHERE id = $1`,
      [id, leaseUntil, now],
    );
  }

  async markDelivered(
    manager: EntityManager,
    id: string,
    delivered: { state: OutboxState.RECEIPTED | OutboxState.DELIVERED; hubStatus: HubStatus; receipt: string },
    now: Date,
  ): Promise<boolean> {
    const [, updated] = (await manager.query(
      `UPDATE outbox_message SET state = $2, hub_status = $3, receipt = $4, delivered_at = $5, lease_until = NULL,
              last_error_code = NULL ${STILL_SENDING}`,
      [id, delivered.state, delivered.hubStatus, delivered.receipt, now],
    )) as [unknown, number];
    return updated === 1;
  }

  async markRejected(manager: EntityManager, id: string, code: string): Promise<void> {
    await manager.query(`UPDATE outbox_message SET state = 'REJECTED', lease_until = NULL, last_error_code = $2 ${STILL_SENDING}`, [
      id,
      code,
    ]);
  }

  async markForRetry(manager: EntityManager, id: string, retryAt: Date, code: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_message SET state = 'PENDING', lease_until = NULL, next_attempt_at = $2, last_error_code = $3 ${STILL_SENDING}`,
      [id, retryAt, code],
    );
  }

  async deliveredUnverified(): Promise<OutboxMessageEntity[]> {
    return this.dataSource
      .getRepository(OutboxMessageEntity)
      .find({ where: { state: OutboxState.DELIVERED }, order: { createdAt: 'ASC' } });
  }

  /** DELIVERED -> RECEIPTED; false when the message was not DELIVERED (any more). */
  async markReceipted(manager: EntityManager, id: string): Promise<boolean> {
    const [, updated] = (await manager.query(
      `UPDATE outbox_message SET state = 'RECEIPTED', last_error_code = NULL WHERE id = $1 AND state = 'DELIVERED'`,
      [id],
    )) as [unknown, number];
    return updated === 1;
  }

  async noteReceiptProblem(id: string, code: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_message SET last_error_code = $2 WHERE id = $1 AND state = 'DELIVERED'`, [id, code]);
  }
}
