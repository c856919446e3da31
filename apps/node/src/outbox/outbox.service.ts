import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageWindow } from '#app/platform';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { OutboxKind, OutboxState, type HubStatus } from './outbox-state.js';
import { OutboxRepository, type OutboxFilter } from './outbox.repository.js';

export type { OutboxFilter } from './outbox.repository.js';
import type { ReceiptFacts } from '#app/contract';

/** A message taken for delivery: its lease is held until the outcome is recorded. */
export interface ClaimedMessage {
  readonly id: string;
  readonly kind: OutboxKind;
  readonly payload: string;
  /** Including this one. */
  readonly attempts: number;
}

/** The head of the queue: either claimed now, or due at a later time, or nothing waiting. */
export type ClaimResult = { readonly claimed: ClaimedMessage } | { readonly claimed: undefined; readonly dueAt: Date | undefined };

export type DeliveryOutcome =
  | { readonly kind: 'RECEIPTED'; readonly hubStatus: HubStatus; readonly receipt: string; readonly facts: ReceiptFacts }
  | { readonly kind: 'DELIVERED_UNVERIFIED'; readonly hubStatus: HubStatus; readonly receipt: string }
  | { readonly kind: 'REJECTED'; readonly code: string }
  | { readonly kind: 'RETRY'; readonly code: string; readonly retryAt: Date };

/** Runs in the transaction that records a verified receipt (e.g. to note what the hub erased). */
export type ReceiptHandler = (manager: EntityManager, messageId: string, receipt: ReceiptFacts & { receiptedAt: Date }) => Promise<void>;

/** The outbox table: messages are added inside their feature's transaction and delivered strictly in order. */
@Injectable()
export class OutboxService {
  private readonly receiptHandlers = new Map<OutboxKind, ReceiptHandler>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutboxRepository,
  ) {}

  registerReceiptHandler(kind: OutboxKind, handler: ReceiptHandler): void {
    this.receiptHandlers.set(kind, handler);
  }

  /**
   * Serialises the transactions that decide what goes into a message (building a return, revoking a person) until
   * they commit, so queue order equals decision order: a return that still included a person is queued before that
   * person's revocation notice, never after it.
   */
  async lockQueue(manager: EntityManager): Promise<void> {
    await this.repository.lockQueue(manager);
  }

  /** Adds a signed message; call inside the transaction that created its content, after `lockQueue`. */
  async enqueue(manager: EntityManager, message: { id: string; kind: OutboxKind; payload: string }, now: Date): Promise<void> {
    await this.repository.insertPending(manager, message, now);
  }

  async list(filter: OutboxFilter, window: PageWindow): Promise<OutboxMessageEntity[]> {
    return this.repository.list(filter, window);
  }

  async findById(manager: EntityManager, id: string): Promise<OutboxMessageEntity | null> {
    return this.repository.findById(manager, id);
  }

  /**
   * Claims the oldest undelivered message if it is due: PENDING and its retry time has come, or SENDING with a lease
   * that ran out (the process delivering it died). Strict FIFO: a later message waits while the head waits.
   */
  async claimHead(now: Date, leaseMs: number): Promise<ClaimResult> {
    return this.dataSource.transaction(async (manager) => {
      const head = await this.repository.lockHead(manager);
      if (head === undefined) return { claimed: undefined, dueAt: undefined };
      const dueAt = head.state === OutboxState.SENDING && head.leaseUntil !== null ? head.leaseUntil : head.nextAttemptAt;
      if (dueAt.getTime() > now.getTime()) return { claimed: undefined, dueAt };
      await this.repository.markSending(manager, head.id, new Date(now.getTime() + leaseMs), now);
      return { claimed: { id: head.id, kind: head.kind, payload: head.payload, attempts: head.attempts + 1 } };
    });
  }

  /** Records how a delivery attempt ended; only while this delivery still holds the message's lease. */
  async recordOutcome(message: ClaimedMessage, outcome: DeliveryOutcome, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      switch (outcome.kind) {
        case 'RECEIPTED':
        case 'DELIVERED_UNVERIFIED': {
          const state = outcome.kind === 'RECEIPTED' ? OutboxState.RECEIPTED : OutboxState.DELIVERED;
          const updated = await this.repository.markDelivered(
            manager,
            message.id,
            { state, hubStatus: outcome.hubStatus, receipt: outcome.receipt },
            now,
          );
          if (updated && outcome.kind === 'RECEIPTED') {
            await this.receiptHandlers.get(message.kind)?.(manager, message.id, { ...outcome.facts, receiptedAt: now });
          }
          return;
        }
        case 'REJECTED':
          await this.repository.markRejected(manager, message.id, outcome.code);
          return;
        case 'RETRY':
          await this.repository.markForRetry(manager, message.id, outcome.retryAt, outcome.code);
          return;
      }
    });
  }

  /** Messages the hub accepted while no hub key was configured: their receipts can be checked once one is. */
  async deliveredUnverified(): Promise<OutboxMessageEntity[]> {
    return this.repository.deliveredUnverified();
  }

  /** Upgrades a DELIVERED message whose stored receipt now verifies. */
  async markReceipted(messageId: string, kind: OutboxKind, facts: ReceiptFacts, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.repository.markReceipted(manager, messageId))
        await this.receiptHandlers.get(kind)?.(manager, messageId, { ...facts, receiptedAt: now });
    });
  }

  /** Notes why a stored receipt does not verify, leaving the message DELIVERED. */
  async noteReceiptProblem(messageId: string, code: string): Promise<void> {
    await this.repository.noteReceiptProblem(messageId, code);
  }
}
