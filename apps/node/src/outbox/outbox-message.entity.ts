import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HubStatus, OutboxKind, OutboxState } from './outbox-state.js';

/** A signed message for the hub and its delivery state. */
@Entity({ name: 'outbox_message' })
export class OutboxMessageEntity {
  /** The returnId or noticeId: the hub's idempotency key. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: OutboxKind;

  @Column({ type: 'text' })
  state!: OutboxState;

  /** The compact JWS, exactly as signed. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode!: string | null;

  @Column({ name: 'hub_status', type: 'text', nullable: true })
  hubStatus!: HubStatus | null;

  /** The hub's signed receipt (compact JWS), kept as proof. */
  @Column({ type: 'text', nullable: true })
  receipt!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
