import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LEAF_COLUMNS } from '../releases/dimension-columns.js';
import { decodeAggregate, encodeAggregate, type AggregateCell } from './published-aggregate.codec.js';
import { revisionKey } from './revision-policy.js';

/** A country and time's aggregate for one dataset, as stored after a release published it. */
export interface StoredAggregate {
  readonly geo: string;
  readonly time: string;
  readonly revision: number;
  readonly cells: readonly AggregateCell[];
}

/** The columns a release reads from a record: a change elsewhere (a note, a return id) changes no figure. */
const FIGURE_COLUMNS = ['pseudonym', ...new Set(['legal_status', ...Object.values(LEAF_COLUMNS).map((leaf) => leaf.column)])].join(', ');

/** SQL of the revision policy: pending changes per country and time, and the aggregates periods were published from. */
@Injectable()
export class RevisionsRepository {
  /** Appends the persons changed per time of one country (a time with no change is left out). */
  async recordChanges(manager: EntityManager, country: string, changes: ReadonlyMap<string, number>, at: Date): Promise<void> {
    const entries = [...changes].filter(([, count]) => count > 0);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO hub_period_change (geo, time, changes, recorded_at)
       SELECT $1, time, changes, $2 FROM unnest($3::text[], $4::integer[]) AS c(time, changes)`,
      [country, at, entries.map(([time]) => time), entries.map(([, count]) => count)],
    );
  }

  /**
   * Persons whose figure columns differ between the records of a country and period already stored and those of the
   * return `returnId` just inserted beside them (added, removed or changed, each person once).
   */
  async changedPersons(manager: EntityManager, country: string, period: string, returnId: string): Promise<number> {
    const rows: { changed: string }[] = await manager.query(
      `WITH previous AS (SELECT ${FIGURE_COLUMNS} FROM hub_record WHERE country = $1 AND period = $2 AND return_id <> $3),
            replacing AS (SELECT ${FIGURE_COLUMNS} FROM hub_record WHERE country = $1 AND period = $2 AND return_id = $3)
       SELECT count(DISTINCT pseudonym) AS changed FROM (
         (SELECT * FROM previous EXCEPT ALL SELECT * FROM replacing)
         UNION ALL
         (SELECT * FROM replacing EXCEPT ALL SELECT * FROM previous)
       ) AS difference`,
      [country, period, returnId],
    );
    return Number(rows[0]?.changed ?? 0);
  }

  /** Persons changed since each country and time was last published (all of them, or one country's). */
  async pendingChanges(manager: EntityManager, country?: string): Promise<Map<string, number>> {
    const rows: { geo: string; time: string; changes: string }[] = await manager.query(
      `SELECT geo, time, sum(changes) AS changes FROM hub_period_change ${country === undefined ? '' : 'WHERE geo = $1'} GROUP BY geo, time`,
      country === undefined ? [] : [country],
    );
    return new Map(rows.map((row) => [revisionKey(row.geo, row.time), Number(row.changes)]));
  }

  /** The revision each published country and time is at (0 when published once and never revised). */
  async publishedRevisions(manager: EntityManager, country?: string): Promise<Map<string, number>> {
    const rows: { geo: string; time: string; revision: number }[] = await manager.query(
      `SELECT geo, time, max(revision) AS revision FROM hub_published_aggregate ${country === undefined ? '' : 'WHERE geo = $1'} GROUP BY geo, time`,
      country === undefined ? [] : [country],
    );
    return new Map(rows.map((row) => [revisionKey(row.geo, row.time), Number(row.revision)]));
  }

  async aggregates(manager: EntityManager, dataset: string, keys: readonly { geo: string; time: string }[]): Promise<StoredAggregate[]> {
    if (keys.length === 0) return [];
    const rows: { geo: string; time: string; revision: number; cells: string }[] = await manager.query(
      `SELECT a.geo, a.time, a.revision, a.cells FROM hub_published_aggregate a
         JOIN unnest($2::text[], $3::text[]) AS k(geo, time) ON a.geo = k.geo AND a.time = k.time
        WHERE a.dataset = $1`,
      [dataset, keys.map((key) => key.geo), keys.map((key) => key.time)],
    );
    return rows.map((row) => ({ geo: row.geo, time: row.time, revision: Number(row.revision), cells: decodeAggregate(row.cells) }));
  }

  /** Writes (or replaces) the aggregates a release published, one row per dataset, country and time. */
  async storeAggregates(
    manager: EntityManager,
    releaseNumber: number,
    dataset: string,
    aggregates: readonly StoredAggregate[],
  ): Promise<void> {
    if (aggregates.length === 0) return;
    await manager.query(
      `INSERT INTO hub_published_aggregate (dataset, geo, time, release_number, revision, cells)
       SELECT $1, geo, time, $2, revision, cells FROM unnest($3::text[], $4::text[], $5::integer[], $6::text[]) AS a(geo, time, revision, cells)
       ON CONFLICT (dataset, geo, time) DO UPDATE
         SET release_number = EXCLUDED.release_number, revision = EXCLUDED.revision, cells = EXCLUDED.cells`,
      [
        dataset,
        releaseNumber,
        aggregates.map((aggregate) => aggregate.geo),
        aggregates.map((aggregate) => aggregate.time),
        aggregates.map((aggregate) => aggregate.revision),
        aggregates.map((aggregate) => encodeAggregate(aggregate.cells)),
      ],
    );
  }

  /**
   * Removes the changes a release applied. Under the release's snapshot only the rows it saw are deleted: a change
   * accepted while it ran stays pending for the next release.
   */
  async consumeChanges(manager: EntityManager, keys: readonly { geo: string; time: string }[]): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `DELETE FROM hub_period_change c USING unnest($1::text[], $2::text[]) AS k(geo, time) WHERE c.geo = k.geo AND c.time = k.time`,
      [keys.map((key) => key.geo), keys.map((key) => key.time)],
    );
  }
}
