import { MessageKind, type DeliveryStatus } from '#app/contract';

/** What a message carries: the contract's message kinds, one hub mutation per kind. */
export const OutboxKind = MessageKind;
export type OutboxKind = MessageKind;

/**
 * Delivery state of a message:
 * PENDING (due at `nextAttemptAt`), SENDING (a delivery holds its lease), DELIVERED (the hub accepted it but its
 * receipt could not be verified: no hub key configured), RECEIPTED (accepted and the hub's signed receipt verified),
 * REJECTED (the hub refused it for good, e.g. INVALID_RETURN; retrying would not help).
 */
export enum OutboxState {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  DELIVERED = 'DELIVERED',
  RECEIPTED = 'RECEIPTED',
  REJECTED = 'REJECTED',
}

export type HubStatus = DeliveryStatus;
