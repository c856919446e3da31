import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RevocationEntity } from './revocation.entity.js';

/** SQL of revocations: erasing a person's records, and the ledger of notices applied. */
@Injectable()
export class RevocationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes every record of the pseudonyms in the country; answers which periods lost whom. */
  async eraseRecords(
    manager: EntityManager,
    country: string,
    pseudonyms: readonly string[],
  ): Promise<{ period: string; pseudonym: string }[]> {
    return manager.query(
      // Through a CTE: the driver answers a bare DELETE ... RETURNING with [rows, count].
      `WITH gone AS (DELETE FROM hub_record WHERE country = $1 AND pseudonym = ANY($2::text[]) RETURNING period, pseudonym)
       SELECT period, pseudonym FROM gone`,
      [country, pseudonyms],
    );
  }

  async findRevocation(manager: EntityManager, noticeId: string): Promise<RevocationEntity | null> {
    return manager.findOneBy(RevocationEntity, { noticeId });
  }

  async insertRevocation(manager: EntityManager, revocation: RevocationEntity): Promise<void> {
    await manager.insert(RevocationEntity, revocation);
  }

  /** Every notice applied (or a country's), newest first. */
  async ledger(country?: string): Promise<RevocationEntity[]> {
    return this.dataSource.getRepository(RevocationEntity).find({
      where: country === undefined ? {} : { country },
      order: { receivedAt: 'DESC', noticeId: 'ASC' },
    });
  }
}
