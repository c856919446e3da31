import { Module } from '@nestjs/common';
import { OutboxDeliveryService } from './outbox-delivery.service.js';
import { OutboxQueryService } from './outbox-query.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxResolver } from './outbox.resolver.js';
import { OutboxService } from './outbox.service.js';

/** Signed messages to the hub: queued in their feature's transaction, delivered in order with retries. */
@Module({
  providers: [OutboxService, OutboxRepository, OutboxDeliveryService, OutboxQueryService, OutboxResolver],
  exports: [OutboxService, OutboxDeliveryService],
})
export class OutboxModule {}
