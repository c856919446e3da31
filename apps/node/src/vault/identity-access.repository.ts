import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityAccessEntity, type IdentityAccessChannel } from './identity-access.entity.js';

/** The audit log of identity reads: appended to, never changed. */
@Injectable()
export class IdentityAccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(personId: string, subject: string, channel: IdentityAccessChannel, at: Date): Promise<void> {
    await this.dataSource.manager.insert(IdentityAccessEntity, { id: randomUUID(), personId, subject, channel, accessedAt: at });
  }

  /** The person's reads, newest first. */
  ofPerson(personId: string, limit: number): Promise<IdentityAccessEntity[]> {
    return this.dataSource.manager.find(IdentityAccessEntity, {
      where: { personId },
      order: { accessedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }
}
