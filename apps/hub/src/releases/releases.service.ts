import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FIGURE_CATALOGUE, STANDARD_VERSION, type DatasetDefinition } from '#app/standard';
import { RevisionsService, type RevisionRound } from '../revisions/revisions.service.js';
import type { DisclosureControl } from './dataset-protection.js';
import { ReleaseBuilder } from './release-builder.js';
import type { ReleaseEntity } from './release.entity.js';
import type { ReleaseCoverageModel, ReleaseDatasetModel, ReleaseModel } from './release.model.js';
import type { ReleasePlan } from './release-plan.js';
import { ReleasesErrorCode, ReleasesException } from './releases.exception.js';
import { ReleasesRepository } from './releases.repository.js';
import { FigureInputs } from '../figures-cache/figure-inputs.js';

const MAX_NOTE_LENGTH = 1000;

/** Publishes releases: the current records frozen into one protected cube per dataset, in one transaction. */
@Injectable()
export class ReleasesService {
  private readonly logger = new Logger('Releases');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReleasesRepository,
    private readonly builder: ReleaseBuilder,
    private readonly revisions: RevisionsService,
    private readonly figureInputs: FigureInputs,
  ) {}

  private get control(): DisclosureControl {
    return this.builder.control;
  }

  /**
   * Aggregates in SQL (persons deduplicated per quarter and year, CUBE over the catalogue's dimensions, counts and
   * record-key sums), protects each dataset once in JS, flags it and stores published values only. All or nothing:
   * a failure leaves no partial release. The same records give the same cubes.
   */
  async publish(note: string | undefined, publishedBy: string, now = new Date()): Promise<ReleaseModel> {
    if (note !== undefined && note.length > MAX_NOTE_LENGTH) {
      throw new ReleasesException(ReleasesErrorCode.NOTE_TOO_LONG, `A release note has at most ${MAX_NOTE_LENGTH} characters.`, ['note']);
    }
    const started = performance.now();
    const { releaseNumber: number, round } = await this.figureInputs.changing(() => this.publishInTransaction(note, publishedBy, now));
    const decided = (decision: string) => [...round.decisions.values()].filter((value) => value === decision).length;
    this.logger.log({
      msg: 'release published',
      release: number,
      method: this.control.method,
      // Counts of country and time pairs only: which periods are held, and by how many changes, stays inside.
      newPeriods: decided('NEW'),
      revisedPeriods: decided('REVISED'),
      heldPeriods: decided('HELD'),
      ms: Math.round(performance.now() - started),
    });
    return this.get(number);
  }

  private publishInTransaction(
    note: string | undefined,
    publishedBy: string,
    now: Date,
  ): Promise<{ releaseNumber: number; round: RevisionRound }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.repository.lockNumbering(manager);
      const last = await this.repository.latestNumber(manager);
      const plan = await this.builder.plan(manager, {}, now);
      if (plan === undefined) {
        throw new ReleasesException(ReleasesErrorCode.NOTHING_TO_RELEASE, 'No return has been accepted yet; there is nothing to release.');
      }
      const releaseNumber = (last ?? 0) + 1;
      const round = await this.builder.decide(manager, plan, {});
      await this.repository.insertRelease(manager, {
        number: releaseNumber,
        publishedAt: now,
        publishedBy,
        note: note ?? null,
        disclosureMethod: this.control.method,
        smallCountThreshold: this.control.method === 'NONE' ? 0 : this.control.threshold,
        standardVersion: STANDARD_VERSION,
        revisionMinChanges: round.minChanges,
      });
      await this.repository.insertCoverage(manager, releaseNumber, [...plan.coverage.values()]);
      await this.publishDatasets(manager, releaseNumber, last, plan, round);
      await this.revisions.consume(manager, round);
      return { releaseNumber, round };
    });
  }

  async list(): Promise<ReleaseModel[]> {
    return (await this.repository.list()).map(toModel);
  }

  async get(number: number): Promise<ReleaseModel> {
    const release = await this.repository.find(number);
    if (!release) throw new ReleasesException(ReleasesErrorCode.RELEASE_NOT_FOUND, `There is no release ${number}.`, ['number']);
    return toModel(release);
  }

  async datasets(number: number): Promise<ReleaseDatasetModel[]> {
    const datasets = await this.repository.datasets(number);
    return datasets.map(({ dataset, dimensionIds, cellCount }) => ({ dataset, dimensionIds, cellCount }));
  }

  async coverage(number: number): Promise<ReleaseCoverageModel[]> {
    const rows = await this.repository.coverage(number);
    return rows.map(({ geo, time, reported, flags, breakdownsNotCollected }) => ({ geo, time, reported, flags, breakdownsNotCollected }));
  }

  private async publishDatasets(
    manager: EntityManager,
    releaseNumber: number,
    previousNumber: number | null,
    plan: ReleasePlan,
    round: RevisionRound,
  ): Promise<void> {
    const previousReported = previousNumber === null ? undefined : await this.repository.reportedCoverage(manager, previousNumber);
    const personTables = new Map<string, string>();
    for (const dataset of Object.values(FIGURE_CATALOGUE) as DatasetDefinition[]) {
      const started = performance.now();
      const previous =
        previousNumber === null ? undefined : await this.builder.previous(manager, previousNumber, dataset.id, {}, previousReported);
      const built = await this.builder.buildDataset(manager, dataset, plan, round, { personTables, previous });
      const builtAt = performance.now();
      await this.revisions.storeAggregates(manager, releaseNumber, dataset.id, built.toStore);
      await this.repository.insertDataset(manager, {
        releaseNumber,
        dataset: dataset.id,
        dimensionIds: dataset.dimensions.map((dimension) => dimension.id),
        cellCount: built.cells.length,
      });
      await this.repository.insertCells(manager, releaseNumber, dataset.id, built.cells);
      this.logger.debug({
        msg: 'dataset released',
        release: releaseNumber,
        dataset: dataset.id,
        aggregatedCells: built.aggregated.length,
        storedCells: built.cells.length,
        sqlMs: built.timings.aggregateMs,
        revisionPolicyMs: built.timings.holdMs,
        protectMs: built.timings.protectMs,
        revisionMs: built.timings.flagMs,
        storeMs: Math.round(performance.now() - builtAt),
        totalMs: Math.round(performance.now() - started),
      });
    }
  }
}

export { disclosureControlOf } from './release-builder.js';

function toModel(release: ReleaseEntity): ReleaseModel {
  return {
    number: release.number,
    publishedAt: release.publishedAt,
    note: release.note,
    disclosureMethod: release.disclosureMethod,
    smallCountThreshold: release.smallCountThreshold,
    revisionMinChanges: release.revisionMinChanges,
    standardVersion: release.standardVersion,
    // Resolved per field (ReleasesResolver), so that a list of releases does not load every coverage row.
    datasets: [],
    coverage: [],
  };
}
