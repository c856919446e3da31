import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { OutboxKind, OutboxState, type HubStatus } from './outbox-state.js';
import type { ReceiptFacts } from './receipt-check.js';

/** A message taken for delivery: its lease is held until the outcome is recorded. */
export interface ClaimedMessage {
  readonly id: string;
  readonly kind: OutboxKind;
  readonly payload: string;
  /** Including this one. */
  readonly attempts: number;
}

/** The head of the queue: either claimed now, or due at a later time, or nothing waiting. */
export type ClaimResult =
  | { readonly claimed: ClaimedMessage }
  | { readonly claimed: undefined; readonly dueAt: Date | undefined };

export type DeliveryOutcome =
  | { readonly kind: 'RECEIPTED'; readonly hubStatus: HubStatus; readonly receipt: string; readonly facts: ReceiptFacts }
  | { readonly kind: 'DELIVERED_UNVERIFIED'; readonly hubStatus: HubStatus; readonly receipt: string }
  | { readonly kind: 'REJECTED'; readonly code: string }
  | { readonly kind: 'RETRY'; readonly code: string; readonly retryAt: Date };

/** Runs in the transaction that records a verified receipt (e.g. to note what the hub erased). */
export type ReceiptHandler = (manager: EntityManager, messageId: string, receipt: ReceiptFacts & { receiptedAt: Date }) => Promise<void>;

export interface OutboxFilter {
  readonly states?: readonly OutboxState[];
  readonly kind?: OutboxKind;
  readonly limit: number;
}

// Any constant shared by the transactions that create messages; see `lockQueue`.
const QUEUE_LOCK_KEY = 7_310_442_001;

/** The outbox table: messages are added inside their feature's transaction and delivered strictly in order. */
@Injectable()
export class OutboxService {
  private readonly receiptHandlers = new Map<OutboxKind, ReceiptHandler>();

  constructor(private readonly dataSource: DataSource) {}

  registerReceiptHandler(kind: OutboxKind, handler: ReceiptHandler): void {
    this.receiptHandlers.set(kind, handler);
  }

  /**
   * Serialises the transactions that decide what goes into a message (building a return, revoking a person) until
   * they commit, so queue order equals decision order: a return that still included a person is queued before that
   * person's revocation notice, never after it.
   */
  async lockQueue(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [QUEUE_LOCK_KEY]);
  }

  /** Adds a signed message; call inside the transaction that created its content, after `lockQueue`. */
  async enqueue(manager: EntityManager, message: { id: string; kind: OutboxKind; payload: string }, now: Date): Promise<void> {
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

  async list(filter: OutboxFilter): Promise<OutboxMessageEntity[]> {
    const query = this.dataSource.getRepository(OutboxMessageEntity).createQueryBuilder('message');
    if (filter.states !== undefined && filter.states.length > 0) query.andWhere('message.state IN (:...states)', { states: filter.states });
    if (filter.kind !== undefined) query.andWhere('message.kind = :kind', { kind: filter.kind });
    return query.orderBy('message.created_at', 'DESC').addOrderBy('message.id').limit(filter.limit).getMany();
  }

  async findById(manager: EntityManager, id: string): Promise<OutboxMessageEntity | null> {
    return manager.findOneBy(OutboxMessageEntity, { id });
  }

  /**
   * Claims the oldest undelivered message if it is due: PENDING and its retry time has come, or SENDING with a lease
   * that ran out (the process delivering it died). Strict FIFO: a later message waits while the head waits.
   */
  async claimHead(now: Date, leaseMs: number): Promise<ClaimResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows: HeadRow[] = await manager.query(
        `SELECT id, kind, state, payload, attempts, next_attempt_at, lease_until
           FROM outbox_message WHERE state IN ('PENDING', 'SENDING') ORDER BY seq LIMIT 1 FOR UPDATE`,
      );
      const head = rows[0];
      if (head === undefined) return { claimed: undefined, dueAt: undefined };
      const dueAt = head.state === OutboxState.SENDING ? new Date(head.lease_until as Date) : new Date(head.next_attempt_at);
      if (dueAt.getTime() > now.getTime()) return { claimed: undefined, dueAt };
      await manager.query(
        `UPDATE outbox_message SET state = 'SENDING', lease_until = $2, attempts = attempts + 1, last_attempt_at = $3
          WHERE id = $1`,
        [head.id, new Date(now.getTime() + leaseMs), now],
      );
      return { claimed: { id: head.id, kind: head.kind, payload: head.payload, attempts: head.attempts + 1 } };
    });
  }

  /** Records how a delivery attempt ended; only while this delivery still holds the message's lease. */
  async recordOutcome(message: ClaimedMessage, outcome: DeliveryOutcome, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const stillOurs = `WHERE id = $1 AND state = 'SENDING'`;
      switch (outcome.kind) {
        case 'RECEIPTED':
        case 'DELIVERED_UNVERIFIED': {
          const state = outcome.kind === 'RECEIPTED' ? OutboxState.RECEIPTED : OutboxState.DELIVERED;
          const [, updated] = (await manager.query(
            `UPDATE outbox_message SET state = $2, hub_status = $3, receipt = $4, delivered_at = $5, lease_until = NULL,
                    last_error_code = NULL ${stillOurs}`,
            [message.id, state, outcome.hubStatus, outcome.receipt, now],
          )) as [unknown, number];
          if (updated === 1 && outcome.kind === 'RECEIPTED') {
            await this.receiptHandlers.get(message.kind)?.(manager, message.id, { ...outcome.facts, receiptedAt: now });
          }
          return;
        }
        case 'REJECTED':
          await manager.query(
            `UPDATE outbox_message SET state = 'REJECTED', lease_until = NULL, last_error_code = $2 ${stillOurs}`,
            [message.id, outcome.code],
          );
          return;
        case 'RETRY':
          await manager.query(
            `UPDATE outbox_message SET state = 'PENDING', lease_until = NULL, next_attempt_at = $2, last_error_code = $3 ${stillOurs}`,
            [message.id, outcome.retryAt, outcome.code],
          );
          return;
      }
    });
  }

  /** Messages the hub accepted while no hub key was configured: their receipts can be checked once one is. */
  async deliveredUnverified(): Promise<OutboxMessageEntity[]> {
    return this.dataSource.getRepository(OutboxMessageEntity).find({ where: { state: OutboxState.DELIVERED }, order: { createdAt: 'ASC' } });
  }

  /** Upgrades a DELIVERED message whose stored receipt now verifies. */
  async markReceipted(messageId: string, kind: OutboxKind, facts: ReceiptFacts, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(
        `UPDATE outbox_message SET state = 'RECEIPTED', last_error_code = NULL WHERE id = $1 AND state = 'DELIVERED'`,
        [messageId],
      )) as [unknown, number];
      if (updated === 1) await this.receiptHandlers.get(kind)?.(manager, messageId, { ...facts, receiptedAt: now });
    });
  }

  /** Notes why a stored receipt does not verify, leaving the message DELIVERED. */
  async noteReceiptProblem(messageId: string, code: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_message SET last_error_code = $2 WHERE id = $1 AND state = 'DELIVERED'`, [messageId, code]);
  }
}

interface HeadRow {
  id: string;
  kind: OutboxKind;
  state: OutboxState;
  payload: string;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
}
