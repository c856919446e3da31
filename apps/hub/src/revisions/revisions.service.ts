import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HubConfig, type DisclosureMethod } from '../config/hub.config.js';
import type { AggregatedRow } from '../releases/release-aggregation.js';
import { coverageKeyParts, type ReleasePlan } from '../releases/release-plan.js';
import {
  changesByTime,
  decideRevisions,
  refreshesAggregate,
  revisionKey,
  timesOfPeriod,
  type RevisionDecision,
} from './revision-policy.js';
import { RevisionsRepository, type StoredAggregate } from './revisions.repository.js';

/** What one release (or preview) decided for every reported country and time, and what it must write back. */
export interface RevisionRound {
  readonly minChanges: number;
  readonly decisions: ReadonlyMap<string, RevisionDecision>;
  /** The revision each published country and time is at before this release. */
  readonly revisions: ReadonlyMap<string, number>;
}

export interface HeldDataset {
  /** The rows to protect: current ones where the period is not held, the stored aggregate where it is. */
  readonly rows: AggregatedRow[];
  /** Aggregates to write back: periods published for the first time or revised (and a held one never stored). */
  readonly toStore: StoredAggregate[];
}

/**
 * The revision policy (docs/DISCLOSURE-CONTROL.md, "Revisions"): changes to a published country and time reach the
 * figures only once at least `minChanges` persons have changed in it; until then the period is published from the
 * aggregate it was last published from. Intake records how many persons each accepted message changed.
 */
@Injectable()
export class RevisionsService {
  /** The public parameter every release states. */
  readonly minChanges: number;

  constructor(
    config: HubConfig,
    private readonly repository: RevisionsRepository,
  ) {
    this.minChanges = effectiveMinChanges(config.release.disclosure.method, config.release.revisionMinChanges);
  }

  /** Records that changed (erased by a revocation, or written by a loader): each person once per period and year. */
  async recordChangedRecords(
    manager: EntityManager,
    country: string,
    erased: readonly { period: string; pseudonym: string }[],
    at: Date,
  ): Promise<void> {
    await this.repository.recordChanges(manager, country, changesByTime(erased), at);
  }

  /**
   * A return's records are stored (beside the ones they replace, if any, which are deleted afterwards): the persons
   * added, removed or changed count for its period and its year.
   */
  async recordReturn(
    manager: EntityManager,
    submitted: { country: string; period: string; returnId: string; records: readonly { pseudonym: string }[] },
    replacesEarlier: boolean,
    at: Date,
  ): Promise<void> {
    const changed = replacesEarlier
      ? await this.repository.changedPersons(manager, submitted.country, submitted.period, submitted.returnId)
      : new Set(submitted.records.map((record) => record.pseudonym)).size;
    await this.repository.recordChanges(
      manager,
      submitted.country,
      new Map(timesOfPeriod(submitted.period).map((time) => [time, changed])),
      at,
    );
  }

  /** Decides every reported country and time of a plan (of one country, for a preview). */
  async decide(manager: EntityManager, plan: ReleasePlan, country?: string): Promise<RevisionRound> {
    const countries = new Set(plan.countries);
    const reported = [...plan.coverage.values()].filter((coverage) => coverage.reported && countries.has(coverage.geo));
    const revisions = await this.repository.publishedRevisions(manager, country);
    const minChanges = this.minChanges;
    const decisions = decideRevisions({
      reported,
      published: new Set(revisions.keys()),
      pendingChanges: await this.repository.pendingChanges(manager, country),
      minChanges,
    });
    return { minChanges, decisions, revisions };
  }

  /** Replaces the rows of held periods by their stored aggregate, and lists what must be stored for this dataset. */
  async holdDataset(
    manager: EntityManager,
    dataset: string,
    current: readonly AggregatedRow[],
    round: RevisionRound,
  ): Promise<HeldDataset> {
    const held = [...round.decisions].filter(([, decision]) => decision === 'HELD').map(([key]) => key);
    const stored = await this.repository.aggregates(manager, dataset, held.map(coverageKeyParts));
    const storedKeys = new Set(stored.map((aggregate) => revisionKey(aggregate.geo, aggregate.time)));
    // A held period without a stored aggregate for this dataset (a dataset added to the catalogue since) starts one.
    const fromRecords = (geo: string, time: string): boolean => {
      const key = revisionKey(geo, time);
      return round.decisions.get(key) !== 'HELD' || !storedKeys.has(key);
    };
    const rows = current.filter((row) => fromRecords(row.geo, row.time));
    for (const aggregate of stored) {
      for (const cell of aggregate.cells) rows.push({ geo: aggregate.geo, time: aggregate.time, ...cell });
    }

    const written = new Map<string, AggregatedRow[]>();
    for (const [key, decision] of round.decisions) {
      if (refreshesAggregate(decision) || (decision === 'HELD' && !storedKeys.has(key))) written.set(key, []);
    }
    for (const row of current) written.get(revisionKey(row.geo, row.time))?.push(row);
    const toStore = [...written].map(([key, cells]): StoredAggregate => {
      const { geo, time } = coverageKeyParts(key);
      const previous = round.revisions.get(key);
      const revision = previous === undefined ? 0 : round.decisions.get(key) === 'REVISED' ? previous + 1 : previous;
      return { geo, time, revision, cells: cells.map(({ codes, count, cellKey }) => ({ codes, count, cellKey })) };
    });
    return { rows, toStore };
  }

  storeAggregates(manager: EntityManager, releaseNumber: number, dataset: string, aggregates: readonly StoredAggregate[]): Promise<void> {
    return this.repository.storeAggregates(manager, releaseNumber, dataset, aggregates);
  }

  /** After a release: the changes of the periods it published from current records are applied. */
  async consume(manager: EntityManager, round: RevisionRound): Promise<void> {
    const applied = [...round.decisions].filter(([, decision]) => refreshesAggregate(decision)).map(([key]) => coverageKeyParts(key));
    await this.repository.consumeChanges(manager, applied);
  }
}

/** NONE publishes original counts: holding a change back would hide nothing, so every change applies at once. */
export function effectiveMinChanges(method: DisclosureMethod, configured: number): number {
  return method === 'NONE' ? 1 : configured;
}
