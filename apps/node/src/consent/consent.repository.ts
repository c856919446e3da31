import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageWindow } from '#app/platform';
import type { OutboxState } from '../outbox/outbox-state.js';
import { RevocationEntity } from './revocation.entity.js';

/** A revocation with where its notice stands in the outbox. */
export interface ListedRevocation {
  readonly revocation: RevocationEntity;
  readonly delivery: { readonly state: OutboxState; readonly attempts: number; readonly lastErrorCode: string | null };
}

/** SQL of revocations: the stewards' ledger of revoked persons and what the hub receipted for each. */
@Injectable()
export class ConsentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertRevocation(manager: EntityManager, revocation: RevocationEntity): Promise<void> {
    await manager.insert(RevocationEntity, revocation);
  }

  /** Keeps what the hub's verified receipt states, in the transaction that records the receipt. */
  async recordReceipt(
    manager: EntityManager,
    id: string,
    receipt: { erased: number | null; figuresPromise: string | null; receiptedAt: Date },
  ): Promise<void> {
    await manager.update(RevocationEntity, { id }, receipt);
  }

  /** Newest first, paged in SQL; only notices in one of `states` when given. */
  async list(states: readonly OutboxState[] | undefined, window: PageWindow): Promise<ListedRevocation[]> {
    const rows: Array<{
      id: string;
      person_id: string;
      pseudonym: string;
      revoked_at: Date;
      revoked_by: string;
      erased: number | null;
      figures_promise: string | null;
      receipted_at: Date | null;
      state: OutboxState;
      attempts: number;
      last_error_code: string | null;
    }> = await this.dataSource.query(
      `SELECT r.id, r.person_id, r.pseudonym, r.revoked_at, r.revoked_by, r.erased, r.figures_promise, r.receipted_at,
              m.state, m.attempts, m.last_error_code
         FROM revocation r JOIN outbox_message m ON m.id = r.id
        WHERE $1::text[] IS NULL OR m.state = ANY($1::text[])
        ORDER BY r.revoked_at DESC, r.id
        LIMIT $2 OFFSET $3`,
      [states === undefined ? null : [...states], window.limit, window.offset],
    );
    return rows.map((row) => ({
      revocation: Object.assign(new RevocationEntity(), {
        id: row.id,
        personId: row.person_id,
        pseudonym: row.pseudonym,
        revokedAt: new Date(row.revoked_at),
        revokedBy: row.revoked_by,
        erased: row.erased,
        figuresPromise: row.figures_promise,
        receiptedAt: row.receipted_at === null ? null : new Date(row.receipted_at),
      }),
      delivery: { state: row.state, attempts: row.attempts, lastErrorCode: row.last_error_code },
    }));
  }
}
