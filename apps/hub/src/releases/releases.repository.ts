import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { joinedList, splitListSql } from '#app/database';
import { CELL_KEY_MODULUS } from '#app/disclosure';
import type { DatasetDefinition, LegalStatus } from '#app/standard';
import type { ReleaseCell } from './dataset-protection.js';
import { datasetAggregationSql, personTimeRowsSql, type AggregatedRow } from './release-aggregation.js';
import { ReleaseCoverageEntity } from './release-coverage.entity.js';
import { ReleaseDatasetEntity } from './release-dataset.entity.js';
import { ReleaseEntity } from './release.entity.js';
import { coverageKey, type AcceptedPeriod, type Coverage } from './release-plan.js';
import { cellKey } from './revision-flags.js';

const CELL_BATCH_ROWS = 20_000;

/** SQL of releases: numbering, the records' aggregation, and the published cubes (cells and coverage). */
@Injectable()
export class ReleasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Numbers are handed out one release at a time; taken before any read, so the snapshot follows the lock. */
  async lockNumbering(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE hub_release IN SHARE ROW EXCLUSIVE MODE');
  }

  async latestNumber(manager: EntityManager = this.dataSource.manager): Promise<number | null> {
    const [row]: { latest: number | null }[] = await manager.query('SELECT max(number) AS latest FROM hub_release');
    return row?.latest ?? null;
  }

  /** The countries and periods with an accepted return (of one country, or all), and whether the one in force is a true zero. */
  async acceptedPeriods(manager: EntityManager, country?: string): Promise<AcceptedPeriod[]> {
    const rows: { country: string; period: string; confirmed_zero: boolean }[] = await manager.query(
      `SELECT DISTINCT ON (country, period) country, period, confirmed_zero
         FROM hub_submission WHERE ($1::text IS NULL OR country = $1)
        ORDER BY country, period, revision DESC`,
      [country ?? null],
    );
    return rows.map((row) => ({ country: row.country, period: row.period, confirmedZero: row.confirmed_zero }));
  }

  /** Fills a temporary person-time table for the given legal statuses (in order of progression), of one country or all. */
  async createPersonTimeRows(
    manager: EntityManager,
    table: string,
    legalStatuses: readonly LegalStatus[],
    country?: string,
  ): Promise<void> {
    await manager.query(
      personTimeRowsSql(table, country !== undefined),
      country === undefined ? [legalStatuses] : [legalStatuses, country],
    );
  }

  async aggregateDataset(manager: EntityManager, dataset: DatasetDefinition, table: string): Promise<AggregatedRow[]> {
    const rows: Record<string, string>[] = await manager.query(datasetAggregationSql(dataset, table));
    const dimensions = dataset.dimensions.length;
    return rows.map((row) => {
      const codes = new Array<string>(dimensions);
      for (let index = 0; index < dimensions; index++) codes[index] = row[`c${index}`] as string;
      return {
        geo: row['geo'] as string,
        time: row['time'] as string,
        codes,
        count: Number(row['n']),
        cellKey: BigInt(row['k'] as string) % CELL_KEY_MODULUS,
      };
    });
  }

  async insertRelease(manager: EntityManager, release: ReleaseEntity): Promise<void> {
    await manager.insert(ReleaseEntity, release);
  }

  async insertCoverage(manager: EntityManager, releaseNumber: number, coverage: readonly Coverage[]): Promise<void> {
    await manager.query(
      `INSERT INTO hub_release_coverage (release_number, geo, time, reported, flags, breakdowns_not_collected)
       SELECT $1, geo, time, reported, flags, ${splitListSql('missing')}
         FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[]) AS c(geo, time, reported, flags, missing)`,
      [
        releaseNumber,
        coverage.map((row) => row.geo),
        coverage.map((row) => row.time),
        coverage.map((row) => row.reported),
        coverage.map((row) => row.flags),
        coverage.map((row) => joinedList(row.breakdownsNotCollected)),
      ],
    );
  }

  async insertDataset(manager: EntityManager, entry: ReleaseDatasetEntity): Promise<void> {
    await manager.insert(ReleaseDatasetEntity, entry);
  }

  async insertCells(manager: EntityManager, releaseNumber: number, dataset: string, cells: readonly ReleaseCell[]): Promise<void> {
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

  /** The reported country and time pairs of a release (of one country, or all), as coverage keys. */
  async reportedCoverage(manager: EntityManager, releaseNumber: number, geo?: string): Promise<Set<string>> {
    const rows: { geo: string; time: string }[] =
      geo === undefined
        ? await manager.query('SELECT geo, time FROM hub_release_coverage WHERE release_number = $1 AND reported', [releaseNumber])
        : await manager.query('SELECT geo, time FROM hub_release_coverage WHERE release_number = $1 AND geo = $2 AND reported', [
            releaseNumber,
            geo,
          ]);
    return new Set(rows.map((row) => coverageKey(row.geo, row.time)));
  }

  /** The published values of a dataset in a release (of one country, or all), by cell key. */
  async releasedValues(manager: EntityManager, releaseNumber: number, dataset: string, geo?: string): Promise<Map<string, number | null>> {
    const rows: { geo: string; time: string; codes: string[]; value: number | null }[] =
      geo === undefined
        ? await manager.query('SELECT geo, time, codes, value FROM hub_release_cell WHERE release_number = $1 AND dataset = $2', [
            releaseNumber,
            dataset,
          ])
        : await manager.query(
            'SELECT geo, time, codes, value FROM hub_release_cell WHERE release_number = $1 AND dataset = $2 AND geo = $3',
            [releaseNumber, dataset, geo],
          );
    return new Map(rows.map((row) => [cellKey(row.geo, row.time, row.codes), row.value]));
  }

  /**
   * Stored cells of a dataset in a release, keyed by cell key: all of them, or those whose geo, time and codes are
   * among the given ones (one list per dimension, in the dataset's order after geo and time).
   */
  async releasedCells(
    releaseNumber: number,
    dataset: string,
    codes?: { readonly geo: readonly string[]; readonly time: readonly string[]; readonly dimensions: readonly (readonly string[])[] },
  ): Promise<Map<string, { value: number | null; flags: string }>> {
    const parameters: unknown[] = [releaseNumber, dataset];
    let conditions = '';
    if (codes !== undefined) {
      parameters.push(codes.geo, codes.time, ...codes.dimensions);
      const perDimension = codes.dimensions.map((_, index) => `AND codes[${index + 1}] = ANY($${index + 5}::text[])`).join(' ');
      conditions = `AND geo = ANY($3::text[]) AND time = ANY($4::text[]) ${perDimension}`;
    }
    const rows: { geo: string; time: string; codes: string[]; value: number | null; flags: string }[] = await this.dataSource.query(
      `SELECT geo, time, codes, value, flags FROM hub_release_cell WHERE release_number = $1 AND dataset = $2 ${conditions}`,
      parameters,
    );
    return new Map(rows.map((row) => [cellKey(row.geo, row.time, row.codes), { value: row.value, flags: row.flags }]));
  }

  async list(): Promise<ReleaseEntity[]> {
    return this.dataSource.getRepository(ReleaseEntity).find({ order: { number: 'DESC' } });
  }

  async find(number: number): Promise<ReleaseEntity | null> {
    return this.dataSource.getRepository(ReleaseEntity).findOneBy({ number });
  }

  async datasets(number: number): Promise<ReleaseDatasetEntity[]> {
    return this.dataSource.getRepository(ReleaseDatasetEntity).find({ where: { releaseNumber: number }, order: { dataset: 'ASC' } });
  }

  async coverage(number: number): Promise<ReleaseCoverageEntity[]> {
    return this.dataSource
      .getRepository(ReleaseCoverageEntity)
      .find({ where: { releaseNumber: number }, order: { geo: 'ASC', time: 'ASC' } });
  }
}
