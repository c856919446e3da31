import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ReturnsResolver } from './returns.resolver.js';
import { ReturnsRepository } from './returns.repository.js';
import { ReturnsService } from './returns.service.js';

/** Quarterly returns: preview, signed submission through the outbox, history. */
@Module({ imports: [OutboxModule], providers: [ReturnsService, ReturnsRepository, ReturnsResolver], exports: [ReturnsService] })
export class ReturnsModule {}
