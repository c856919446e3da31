import { Injectable } from '@nestjs/common';
import type { NodeActor } from '../access/node-actor.js';
import { pageWindow } from '#app/platform';
import type { OutboxArgs } from './dto/outbox.args.js';
import type { OutboxMessageEntity } from './outbox-message.entity.js';
import type { OutboxMessageModel } from './outbox-message.model.js';
import { OutboxState } from './outbox-state.js';
import { OutboxService } from './outbox.service.js';

/** Read side of the outbox for operators. */
@Injectable()
export class OutboxQueryService {
  constructor(private readonly outbox: OutboxService) {}

  async list(_actor: NodeActor, args: OutboxArgs): Promise<OutboxMessageModel[]> {
    const messages = await this.outbox.list({ states: args.states, kind: args.kind }, pageWindow(args));
    return messages.map(toOutboxMessageModel);
  }
}

export function toOutboxMessageModel(message: OutboxMessageEntity): OutboxMessageModel {
  const waiting = message.state === OutboxState.PENDING || message.state === OutboxState.SENDING;
  return {
    id: message.id,
    kind: message.kind,
    state: message.state,
    attempts: message.attempts,
    nextAttemptAt: waiting ? message.nextAttemptAt : null,
    lastAttemptAt: message.lastAttemptAt,
    lastErrorCode: message.lastErrorCode,
    hubStatus: message.hubStatus,
    deliveredAt: message.deliveredAt,
    createdAt: message.createdAt,
  };
}
