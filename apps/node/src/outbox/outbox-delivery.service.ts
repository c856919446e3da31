import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { PublicSigningJwk } from '#app/crypto';
import { NodeConfig } from '../config/node.config.js';
import { HubKeySet, HubKeySetUnavailable } from '../keys/hub-key-set.js';
import { sendToHub } from './hub-client.js';
import { OutboxService, type ClaimedMessage, type DeliveryOutcome } from './outbox.service.js';
import { checkReceipt } from './receipt-check.js';
import { retryDelayMs, retryTimingOf } from './retry-delay.js';

/** Extra lease time beyond the HTTP timeout, so a slow but live delivery never loses its lease to another one. */
const LEASE_MARGIN_MS = 5_000;

/**
 * The delivery loop: started when the app has booted, stopped (and its current delivery released) when it shuts
 * down. It delivers the head of the outbox, records the outcome, and sleeps until the next message is due, the poll
 * interval passes, or `wake()` is called after a new message was committed.
 */
@Injectable()
export class OutboxDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private readonly stop = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeRequested = false;
  private interruptSleep: (() => void) | undefined;

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: NodeConfig,
    private readonly hubKeys: HubKeySet,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stop.abort();
    this.interruptSleep?.();
    await this.loop;
  }

  /** A message was committed: deliver now rather than at the next poll. */
  wake(): void {
    this.wakeRequested = true;
    this.interruptSleep?.();
  }

  private async run(): Promise<void> {
    await this.guarded(() => this.reviewUnverifiedReceipts());
    while (!this.stop.signal.aborted) {
      const waitMs = await this.guarded(() => this.deliverHead());
      await this.sleep(waitMs ?? this.config.outbox.pollIntervalMs);
    }
  }

  /** Delivers the head of the queue if it is due; returns how long to wait before looking again. */
  private async deliverHead(): Promise<number> {
    const leaseMs = this.config.outbox.requestTimeoutMs + LEASE_MARGIN_MS;
    const head = await this.outbox.claimHead(new Date(), leaseMs);
    if (head.claimed === undefined) {
      if (head.dueAt === undefined) return this.config.outbox.pollIntervalMs;
      return Math.max(0, Math.min(this.config.outbox.pollIntervalMs, head.dueAt.getTime() - Date.now()));
    }
    const message = head.claimed;
    const outcome = await this.attempt(message);
    await this.outbox.recordOutcome(message, outcome, new Date());
    this.logOutcome(message, outcome);
    return 0;
  }

  private async attempt(message: ClaimedMessage): Promise<DeliveryOutcome> {
    const { hub, outbox: timing } = this.config;
    const retry = (code: string): DeliveryOutcome => ({
      kind: 'RETRY',
      code,
      // After an interrupted attempt (shutdown), the next start should try again at once.
      retryAt: new Date(Date.now() + (code === 'DELIVERY_INTERRUPTED' ? 0 : retryDelayMs(message.attempts, retryTimingOf(code, timing)))),
    });
    const answer = await sendToHub(hub.url, message.kind, message.payload, timing.requestTimeoutMs, this.stop.signal);
    if (answer.outcome === 'UNREACHABLE') return retry(answer.code);
    if (answer.outcome === 'REFUSED') return answer.permanent ? { kind: 'REJECTED', code: answer.code } : retry(answer.code);
    if (answer.messageId !== message.id) return retry('RECEIPT_MISMATCH');
    if (!this.hubKeys.configured) {
      return { kind: 'DELIVERED_UNVERIFIED', hubStatus: answer.status, receipt: answer.receipt };
    }
    let keys: ReadonlyMap<string, PublicSigningJwk>;
    try {
      keys = await this.hubKeys.keysByKid();
    } catch (error) {
      if (error instanceof HubKeySetUnavailable) return retry(error.code);
      throw error;
    }
    const check = await checkReceipt(answer.receipt, message, this.config, keys);
    if (!check.valid) return retry(check.code);
    return { kind: 'RECEIPTED', hubStatus: answer.status, receipt: answer.receipt, facts: check.facts };
  }

  /** Receipts stored while no hub key was configured are verified as soon as one is. */
  private async reviewUnverifiedReceipts(): Promise<void> {
    if (!this.hubKeys.configured) return;
    const delivered = await this.outbox.deliveredUnverified();
    if (delivered.length === 0) return;
    const keys = await this.hubKeys.keysByKid();
    for (const message of delivered) {
      const check = await checkReceipt(message.receipt ?? '', message, this.config, keys);
      if (check.valid) await this.outbox.markReceipted(message.id, message.kind, check.facts, new Date());
      else await this.outbox.noteReceiptProblem(message.id, check.code);
      this.logger.log({ msg: 'stored receipt reviewed', messageId: message.id, kind: message.kind, valid: check.valid });
    }
  }

  private logOutcome(message: ClaimedMessage, outcome: DeliveryOutcome): void {
    const entry = { messageId: message.id, kind: message.kind, attempts: message.attempts };
    switch (outcome.kind) {
      case 'RECEIPTED':
      case 'DELIVERED_UNVERIFIED':
        this.logger.log({
          msg: 'message delivered',
          ...entry,
          hubStatus: outcome.hubStatus,
          receiptVerified: outcome.kind === 'RECEIPTED',
        });
        return;
      case 'REJECTED':
        this.logger.warn({ msg: 'message rejected by the hub', ...entry, code: outcome.code });
        return;
      case 'RETRY':
        this.logger.warn({ msg: 'delivery failed, will retry', ...entry, code: outcome.code, retryAt: outcome.retryAt.toISOString() });
        return;
    }
  }

  /** Runs one step; a failure (database hiccup) is logged by name only and the loop carries on. */
  private async guarded<T>(step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (!this.stop.signal.aborted) {
        this.logger.error({ msg: 'outbox step failed', error: error instanceof Error ? error.name : typeof error, code: codeOf(error) });
      }
      return undefined;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || this.stop.signal.aborted) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.interruptSleep = () => {
        this.wakeRequested = false;
        finish();
      };
    });
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
