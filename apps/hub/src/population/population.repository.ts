import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PopulationTable } from '#app/standard';
import { PopulationTableEntity } from './population-table.entity.js';

const INSERT_BATCH_ROWS = 10_000;

/** A loaded table with what it holds. */
export interface LoadedTableRow {
  readonly version: string;
  readonly tableId: string;
  readonly title: string;
  readonly source: string;
  readonly sourceUrl: string | null;
  readonly extractionDate: string;
  readonly loadedAt: Date;
  readonly observationCount: number;
  readonly years: number[];
}

export interface PopulationValueRow {
  readonly version: string;
  readonly value: number | null;
  readonly flags: string;
}

/** SQL of population denominators: versioned tables and their observations. */
@Injectable()
export class PopulationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One load at a time (two hubs starting on one database must not both seed). */
  async lockTables(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE hub_population_table IN SHARE ROW EXCLUSIVE MODE');
  }

  async tableCount(manager: EntityManager): Promise<number> {
    const [row]: { tables: string }[] = await manager.query('SELECT count(*) AS tables FROM hub_population_table');
    return Number(row?.tables ?? 0);
  }

  async versionExists(version: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.getRepository(PopulationTableEntity).existsBy({ version });
  }

  async insertTable(manager: EntityManager, table: PopulationTable, loadedAt: Date): Promise<void> {
    const inserted = await manager.insert(PopulationTableEntity, {
      version: table.version,
      tableId: table.tableId,
      title: table.title,
      source: table.source,
      sourceUrl: table.sourceUrl ?? null,
      extractionDate: table.extractionDate,
      note: table.note ?? null,
      fixedDimensions: table.fixedDimensions ? { ...table.fixedDimensions } : null,
      standardVersion: table.standardVersion,
      loadedAt,
    });
    const tableKey = (inserted.identifiers[0] as { id: number }).id;
    for (let from = 0; from < table.observations.length; from += INSERT_BATCH_ROWS) {
      const batch = table.observations.slice(from, from + INSERT_BATCH_ROWS);
      await manager.query(
        `INSERT INTO hub_population (population_table, geo, year, sex, age, value, flags)
         SELECT $1, * FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::bigint[], $7::text[])`,
        [
          tableKey,
          batch.map((row) => row.geo),
          batch.map((row) => row.year),
          batch.map((row) => row.sex),
          batch.map((row) => row.age),
          batch.map((row) => (row.value === null ? null : String(row.value))),
          batch.map((row) => row.flags),
        ],
      );
    }
  }

  /** Every loaded version, the one in force first: the latest extraction, then the latest loaded. */
  async tables(): Promise<LoadedTableRow[]> {
    const rows: {
      version: string;
      table_id: string;
      title: string;
      source: string;
      source_url: string | null;
      extraction_date: string;
      loaded_at: Date;
      observations: string;
      years: number[];
    }[] = await this.dataSource.query(
      `SELECT t.version, t.table_id, t.title, t.source, t.source_url, to_char(t.extraction_date, 'YYYY-MM-DD') AS extraction_date,
              t.loaded_at, count(p.geo) AS observations,
              coalesce(array_agg(DISTINCT p.year::integer) FILTER (WHERE p.year IS NOT NULL), '{}') AS years
         FROM hub_population_table t LEFT JOIN hub_population p ON p.population_table = t.id
        GROUP BY t.id ORDER BY t.extraction_date DESC, t.loaded_at DESC, t.id DESC`,
    );
    return rows.map((row) => ({
      version: row.version,
      tableId: row.table_id,
      title: row.title,
      source: row.source,
      sourceUrl: row.source_url,
      extractionDate: row.extraction_date,
      loadedAt: row.loaded_at,
      observationCount: Number(row.observations),
      years: row.years,
    }));
  }

  /** One observation from the named version, or the one in force. */
  async figure(geo: string, year: number, sex: string, age: string, version: string | undefined): Promise<PopulationValueRow | undefined> {
    const rows: { version: string; value: string | null; flags: string }[] = await this.dataSource.query(
      `SELECT t.version, p.value, p.flags
         FROM hub_population p JOIN hub_population_table t ON t.id = p.population_table
        WHERE p.geo = $1 AND p.year = $2 AND p.sex = $3 AND p.age = $4
          AND t.id = (SELECT id FROM hub_population_table WHERE $5::text IS NULL OR version = $5
                       ORDER BY extraction_date DESC, loaded_at DESC, id DESC LIMIT 1)`,
      [geo, year, sex, age, version ?? null],
    );
    const row = rows[0];
    return row && { version: row.version, value: row.value === null ? null : Number(row.value), flags: row.flags };
  }

  /** Total population (both sexes, all ages) of the geos in the years, from one table version, keyed `geo|year`. */
  async totals(
    version: string,
    geos: readonly string[],
    years: readonly number[],
  ): Promise<Map<string, { value: number | null; flags: string }>> {
    const rows: { geo: string; year: number; value: string | null; flags: string }[] = await this.dataSource.query(
      `SELECT p.geo, p.year, p.value, p.flags
         FROM hub_population p JOIN hub_population_table t ON t.id = p.population_table
        WHERE t.version = $1 AND p.sex = 'T' AND p.age = 'TOTAL' AND p.geo = ANY($2::text[]) AND p.year = ANY($3::smallint[])`,
      [version, [...new Set(geos)], [...new Set(years)]],
    );
    return new Map(
      rows.map((row) => [`${row.geo}|${row.year}`, { value: row.value === null ? null : Number(row.value), flags: row.flags }]),
    );
  }
}
