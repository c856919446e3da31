import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { buildPerturbationTable } from '#app/disclosure';
import { STANDARD_COUNTRY_GROUPS, type DatasetDefinition } from '#app/standard';
import { HubConfig, type DisclosureSettings } from '../config/hub.config.js';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';
import { NodesService } from '../nodes/nodes.service.js';
import { RevisionsService, type HeldDataset, type RevisionRound } from '../revisions/revisions.service.js';
import { protectDataset, type DisclosureControl, type ReleaseCell } from './dataset-protection.js';
import type { AggregatedRow } from './release-aggregation.js';
import { planRelease, type ReleasePlan } from './release-plan.js';
import { ReleasesRepository } from './releases.repository.js';
import { markRevisions, type PreviousRelease } from './revision-flags.js';

/** What a release (or a preview) is built of: all reporting countries, or one country alone. */
export interface ReleaseScope {
  /** One country only (a preview): its records, its metadata, no country groups. */
  readonly country?: string;
}

/** A dataset as built: the aggregates it was protected from (held periods as stored), and its published cells. */
export interface BuiltDataset {
  readonly aggregated: readonly AggregatedRow[];
  /** Aggregates to keep for the revision policy, when the build is published. */
  readonly toStore: HeldDataset['toStore'];
  readonly cells: readonly ReleaseCell[];
  readonly timings: { readonly aggregateMs: number; readonly holdMs: number; readonly protectMs: number; readonly flagMs: number };
}

/**
 * The release builder: plan, aggregation of persons per quarter and year, revision policy, disclosure control and
 * revision flags. Releases publish what it builds; previews build the same for one country, inside a transaction
 * that is rolled back, so a preview shows exactly what the next release will publish for that country.
 */
@Injectable()
export class ReleaseBuilder {
  readonly control: DisclosureControl;
  private readonly provisionalQuarters: number;

  constructor(
    config: HubConfig,
    private readonly repository: ReleasesRepository,
    private readonly nodes: NodesService,
    private readonly metadata: CountryMetadataService,
    private readonly revisions: RevisionsService,
  ) {
    this.control = disclosureControlOf(config.release.disclosure);
    this.provisionalQuarters = config.release.provisionalQuarters;
  }

  /** The plan of a build; undefined when no return of the scope has been accepted yet. */
  async plan(manager: EntityManager, scope: ReleaseScope, now: Date): Promise<ReleasePlan | undefined> {
    const submissions = await this.repository.acceptedPeriods(manager, scope.country);
    if (submissions.length === 0) return undefined;
    return planRelease({
      expectedCountries: scope.country === undefined ? [...(await this.nodes.expectedCountries(manager)).keys()] : [scope.country],
      submissions,
      metadata: await this.metadata.entries(scope.country, manager),
      groups: scope.country === undefined ? STANDARD_COUNTRY_GROUPS : [],
      publishedAt: now,
      provisionalQuarters: this.provisionalQuarters,
    });
  }

  /** Decides, per reported country and time, whether its figures may move (the revision policy). */
  decide(manager: EntityManager, plan: ReleasePlan, scope: ReleaseScope): Promise<RevisionRound> {
    return this.revisions.decide(manager, plan, scope.country);
  }

  /** What a release published of a dataset (for one country, or all), to flag what changes as `r`. */
  async previous(
    manager: EntityManager,
    releaseNumber: number,
    dataset: string,
    scope: ReleaseScope,
    reported?: Set<string>,
  ): Promise<PreviousRelease> {
    return {
      values: await this.repository.releasedValues(manager, releaseNumber, dataset, scope.country),
      reported: reported ?? (await this.repository.reportedCoverage(manager, releaseNumber, scope.country)),
    };
  }

  /**
   * Builds one dataset. `personTables` caches the temporary tables of persons per quarter and year within the
   * transaction: datasets counting the same legal statuses share one.
   */
  async buildDataset(
    manager: EntityManager,
    dataset: DatasetDefinition,
    plan: ReleasePlan,
    round: RevisionRound,
    scope: ReleaseScope & { readonly personTables: Map<string, string>; readonly previous: PreviousRelease | undefined },
  ): Promise<BuiltDataset> {
    const started = performance.now();
    const statuses = dataset.legalStatuses.join(',');
    let table = scope.personTables.get(statuses);
    if (table === undefined) {
      table = `release_persons_${scope.personTables.size + 1}`;
      await this.repository.createPersonTimeRows(manager, table, dataset.legalStatuses, scope.country);
      scope.personTables.set(statuses, table);
    }
    const current = await this.repository.aggregateDataset(manager, dataset, table);
    const aggregatedAt = performance.now();
    // Held periods are published again from what they were published from (revision policy).
    const { rows: aggregated, toStore } = await this.revisions.holdDataset(manager, dataset.id, current, round);
    const heldAt = performance.now();
    const protectedCells = protectDataset(dataset, aggregated, plan, this.control);
    const protectedAt = performance.now();
    const cells = markRevisions(protectedCells, scope.previous, plan);
    return {
      aggregated,
      toStore,
      cells,
      timings: {
        aggregateMs: Math.round(aggregatedAt - started),
        holdMs: Math.round(heldAt - aggregatedAt),
        protectMs: Math.round(protectedAt - heldAt),
        flagMs: Math.round(performance.now() - protectedAt),
      },
    };
  }
}

/** The disclosure control a release applies, from the hub's settings; previews use the same, so they match. */
export function disclosureControlOf(settings: DisclosureSettings): DisclosureControl {
  switch (settings.method) {
    case 'CELL_KEY':
      return {
        method: 'CELL_KEY',
        threshold: settings.threshold,
        table: buildPerturbationTable({
          maximumDeviation: settings.perturbation.maxDeviation,
          variance: settings.perturbation.variance,
          blockedUpTo: settings.perturbation.smallValueGap,
        }),
      };
    case 'SUPPRESSION':
      return { method: 'SUPPRESSION', threshold: settings.threshold, audit: settings.auditSuppression };
    case 'NONE':
      return { method: 'NONE' };
  }
}
