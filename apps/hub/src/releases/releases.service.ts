import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { joinedList, splitListSql } from '@app/database';
import { buildPerturbationTable } from '@app/disclosure';
import { FIGURE_CATALOGUE, STANDARD_COUNTRY_GROUPS, STANDARD_VERSION, type DatasetDefinition } from '@app/standard';
import { HubConfig, type DisclosureSettings } from '../config/hub.config.js';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';
import { NodesService } from '../nodes/nodes.service.js';
import { RevisionsService, type RevisionRound } from '../revisions/revisions.service.js';
import { protectDataset, type DisclosureControl, type ReleaseCell } from './dataset-protection.js';
import { aggregateDataset, createPersonTimeRows } from './release-aggregation.js';
import { ReleaseCoverageEntity } from './release-coverage.entity.js';
import { ReleaseDatasetEntity } from './release-dataset.entity.js';
import { ReleaseEntity } from './release.entity.js';
import type { ReleaseCoverageModel, ReleaseDatasetModel, ReleaseModel } from './release.model.js';
import { coverageKey, planRelease, type ReleasePlan } from './release-plan.js';
import { ReleasesErrorCode, ReleasesException } from './releases.exception.js';
import { cellKey, markRevisions, type PreviousRelease } from './revision-flags.js';

const CELL_BATCH_ROWS = 20_000;
const MAX_NOTE_LENGTH = 1000;

/** Publishes releases: the current records frozen into one protected cube per dataset, in one transaction. */
@Injectable()
export class ReleasesService {
  private readonly logger = new Logger('Releases');
  private readonly control: DisclosureControl;
  private readonly provisionalQuarters: number;

  constructor(
    private readonly dataSource: DataSource,
    config: HubConfig,
    private readonly nodes: NodesService,
    private readonly metadata: CountryMetadataService,
    private readonly revisions: RevisionsService,
  ) {
    this.control = disclosureControlOf(config.release.disclosure);
    this.provisionalQuarters = config.release.provisionalQuarters;
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
    const { releaseNumber: number, round } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // Numbers are handed out one release at a time; taken before any read, so the snapshot follows the lock.
      await manager.query('LOCK TABLE hub_release IN SHARE ROW EXCLUSIVE MODE');
      const [{ last }]: { last: number | null }[] = await manager.query('SELECT max(number) AS last FROM hub_release');
      const submissions: { country: string; period: string }[] = await manager.query(
        'SELECT DISTINCT country, period FROM hub_submission ORDER BY country, period',
      );
      if (submissions.length === 0) {
        throw new ReleasesException(ReleasesErrorCode.NOTHING_TO_RELEASE, 'No return has been accepted yet; there is nothing to release.');
      }
      const plan = planRelease({
        expectedCountries: [...(await this.nodes.expectedCountries(manager)).keys()],
        submissions,
        metadata: await this.metadata.entries(undefined, manager),
        groups: STANDARD_COUNTRY_GROUPS,
        publishedAt: now,
        provisionalQuarters: this.provisionalQuarters,
      });
      const releaseNumber = (last ?? 0) + 1;
      const round = await this.revisions.decide(manager, plan);
      await manager.insert(ReleaseEntity, {
        number: releaseNumber,
        publishedAt: now,
        publishedBy,
        note: note ?? null,
        disclosureMethod: this.control.method,
        smallCountThreshold: this.control.method === 'NONE' ? 0 : this.control.threshold,
        standardVersion: STANDARD_VERSION,
        revisionMinChanges: round.minChanges,
      });
      await insertCoverage(manager, releaseNumber, plan);
      await this.publishDatasets(manager, releaseNumber, last, plan, round);
      await this.revisions.consume(manager, round);
      return { releaseNumber, round };
    });
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

  async list(): Promise<ReleaseModel[]> {
    const releases = await this.dataSource.getRepository(ReleaseEntity).find({ order: { number: 'DESC' } });
    return releases.map(toModel);
  }

  async get(number: number): Promise<ReleaseModel> {
    const release = await this.dataSource.getRepository(ReleaseEntity).findOneBy({ number });
    if (!release) throw new ReleasesException(ReleasesErrorCode.RELEASE_NOT_FOUND, `There is no release ${number}.`, ['number']);
    return toModel(release);
  }

  async datasets(number: number): Promise<ReleaseDatasetModel[]> {
    const datasets = await this.dataSource.getRepository(ReleaseDatasetEntity).find({
      where: { releaseNumber: number },
      order: { dataset: 'ASC' },
    });
    return datasets.map(({ dataset, dimensionIds, cellCount }) => ({ dataset, dimensionIds, cellCount }));
  }

  async coverage(number: number): Promise<ReleaseCoverageModel[]> {
    const rows = await this.dataSource.getRepository(ReleaseCoverageEntity).find({
      where: { releaseNumber: number },
      order: { geo: 'ASC', time: 'ASC' },
    });
    return rows.map(({ geo, time, reported, flags, breakdownsNotCollected }) => ({ geo, time, reported, flags, breakdownsNotCollected }));
  }

  private async publishDatasets(
    manager: EntityManager,
    releaseNumber: number,
    previousNumber: number | null,
    plan: ReleasePlan,
    round: RevisionRound,
  ): Promise<void> {
    const previousReported = previousNumber === null ? undefined : await reportedCoverage(manager, previousNumber);
    const personTables = new Map<string, string>();
    for (const dataset of Object.values(FIGURE_CATALOGUE) as DatasetDefinition[]) {
      const started = performance.now();
      // Datasets counting the same legal statuses share one table of persons per quarter and year.
      const statuses = dataset.legalStatuses.join(',');
      let table = personTables.get(statuses);
      if (table === undefined) {
        table = `release_persons_${personTables.size + 1}`;
        await createPersonTimeRows(manager, table, dataset.legalStatuses);
        personTables.set(statuses, table);
      }
      const current = await aggregateDataset(manager, dataset, table);
      const aggregatedAt = performance.now();
      // Held periods are published again from what they were published from (revision policy).
      const { rows: aggregated, toStore } = await this.revisions.holdDataset(manager, dataset.id, current, round);
      await this.revisions.storeAggregates(manager, releaseNumber, dataset.id, toStore);
      const heldAt = performance.now();
      const protectedCells = protectDataset(dataset, aggregated, plan, this.control);
      const protectedAt = performance.now();
      const previous: PreviousRelease | undefined =
        previousNumber === null || previousReported === undefined
          ? undefined
          : { values: await previousValues(manager, previousNumber, dataset.id), reported: previousReported };
      const cells = markRevisions(protectedCells, previous, plan);
      const revisedAt = performance.now();
      await manager.insert(ReleaseDatasetEntity, {
        releaseNumber,
        dataset: dataset.id,
        dimensionIds: dataset.dimensions.map((dimension) => dimension.id),
        cellCount: cells.length,
      });
      await insertCells(manager, releaseNumber, dataset.id, cells);
      this.logger.debug({
        msg: 'dataset released',
        release: releaseNumber,
        dataset: dataset.id,
        aggregatedCells: aggregated.length,
        storedCells: cells.length,
        sqlMs: Math.round(aggregatedAt - started),
        revisionPolicyMs: Math.round(heldAt - aggregatedAt),
        protectMs: Math.round(protectedAt - heldAt),
        revisionMs: Math.round(revisedAt - protectedAt),
        storeMs: Math.round(performance.now() - revisedAt),
        totalMs: Math.round(performance.now() - started),
      });
    }
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

async function insertCoverage(manager: EntityManager, releaseNumber: number, plan: ReleasePlan): Promise<void> {
  const rows = [...plan.coverage.values()];
  await manager.query(
    `INSERT INTO hub_release_coverage (release_number, geo, time, reported, flags, breakdowns_not_collected)
     SELECT $1, geo, time, reported, flags, ${splitListSql('missing')}
       FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[]) AS c(geo, time, reported, flags, missing)`,
    [
      releaseNumber,
      rows.map((row) => row.geo),
      rows.map((row) => row.time),
      rows.map((row) => row.reported),
      rows.map((row) => row.flags),
      rows.map((row) => joinedList(row.breakdownsNotCollected)),
    ],
  );
}

async function insertCells(manager: EntityManager, releaseNumber: number, dataset: string, cells: readonly ReleaseCell[]): Promise<void> {
  for (let from = 0; from < cells.length; from += CELL_BATCH_ROWS) {
    const batch = cells.slice(from, from + CELL_BATCH_ROWS);
    await manager.query(
      `INSERT INTO hub_release_cell (release_number, dataset, geo, time, codes, value, flags)
       SELECT $1, $2, geo, time, ${splitListSql('codes')}, value, flags
         FROM unnest($3::text[], $4::text[], $5::text[], $6::integer[], $7::text[]) AS c(geo, time, codes, value, flags)`,
      [
        releaseNumber,
        dataset,
        batch.map((cell) => cell.geo),
        batch.map((cell) => cell.time),
        batch.map((cell) => joinedList(cell.codes)),
        batch.map((cell) => cell.value),
        batch.map((cell) => cell.flags),
      ],
    );
  }
}

async function reportedCoverage(manager: EntityManager, releaseNumber: number): Promise<Set<string>> {
  const rows: { geo: string; time: string }[] = await manager.query(
    'SELECT geo, time FROM hub_release_coverage WHERE release_number = $1 AND reported',
    [releaseNumber],
  );
  return new Set(rows.map((row) => coverageKey(row.geo, row.time)));
}

async function previousValues(manager: EntityManager, releaseNumber: number, dataset: string): Promise<Map<string, number | null>> {
  const rows: { geo: string; time: string; codes: string[]; value: number | null }[] = await manager.query(
    'SELECT geo, time, codes, value FROM hub_release_cell WHERE release_number = $1 AND dataset = $2',
    [releaseNumber, dataset],
  );
  return new Map(rows.map((row) => [cellKey(row.geo, row.time, row.codes), row.value]));
}
