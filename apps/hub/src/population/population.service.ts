import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EurostatTsvError,
  parseEurostatPopulationTsv,
  projectPopulationTable,
  tryParseIsoDate,
  type PopulationTable,
} from '@app/standard';
import type { LoadPopulationTableInput } from './dto/load-population-table.input.js';
import type { PopulationFigureModel, PopulationTableModel } from './population-table.model.js';
import { PopulationTableEntity } from './population-table.entity.js';
import { PopulationErrorCode, PopulationException } from './population.exception.js';

const INSERT_BATCH_ROWS = 10_000;

/**
 * Versioned population denominators. The project's own copy (libs/standard) is loaded at the first start; an
 * administrator loads newer tables in Eurostat's TSV layout. Rates use the latest extraction and name its version.
 */
@Injectable()
export class PopulationService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Population');

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Two hubs starting on one database must not both seed.
      await manager.query('LOCK TABLE hub_population_table IN SHARE ROW EXCLUSIVE MODE');
      const [{ tables }]: { tables: string }[] = await manager.query('SELECT count(*) AS tables FROM hub_population_table');
      if (Number(tables) > 0) return;
      const table = projectPopulationTable();
      await insertTable(manager, table, new Date());
      this.logger.log({ msg: 'population table seeded', version: table.version });
    });
  }

  async load(input: LoadPopulationTableInput, now = new Date()): Promise<PopulationTableModel> {
    const extractionDate = tryParseIsoDate(input.extractionDate);
    if (extractionDate === undefined) {
      throw new PopulationException(PopulationErrorCode.INVALID_POPULATION_TABLE, 'extractionDate must be a date YYYY-MM-DD.', [
        'input.extractionDate',
      ]);
    }
    let table: PopulationTable;
    try {
      table = parseEurostatPopulationTsv(input.tsv, {
        tableId: input.tableId,
        title: input.title,
        source: input.source,
        extractionDate,
        ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
        ...(input.version ? { version: input.version } : {}),
        ...(input.note ? { note: input.note } : {}),
      });
    } catch (error) {
      if (error instanceof EurostatTsvError) {
        throw new PopulationException(PopulationErrorCode.INVALID_POPULATION_TABLE, `The TSV is not a population table: ${error.message}.`, [
          'input.tsv',
        ], { line: error.line, ...(error.column === undefined ? {} : { column: error.column }) });
      }
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE hub_population_table IN SHARE ROW EXCLUSIVE MODE');
      if (await manager.findOneBy(PopulationTableEntity, { version: table.version })) {
        throw new PopulationException(PopulationErrorCode.VERSION_EXISTS, `Population table version ${table.version} is already loaded.`, [
          'input.version',
        ]);
      }
      await insertTable(manager, table, now);
    });
    this.logger.log({ msg: 'population table loaded', version: table.version, observations: table.observations.length });
    return (await this.tables()).find((model) => model.version === table.version) as PopulationTableModel;
  }

  /** Every loaded version, the current one first. */
  async tables(): Promise<PopulationTableModel[]> {
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
    return rows.map((row, index) => ({
      version: row.version,
      tableId: row.table_id,
      title: row.title,
      source: row.source,
      sourceUrl: row.source_url,
      extractionDate: row.extraction_date,
      loadedAt: row.loaded_at,
      observationCount: Number(row.observations),
      years: row.years,
      current: index === 0,
    }));
  }

  /** Population of a geo in a year from the named version, or the current one. */
  async figure(geo: string, year: number, options: { sex?: string; age?: string; version?: string } = {}): Promise<PopulationFigureModel | null> {
    assertQueryable(geo, year, options);
    const rows: { version: string; value: string | null; flags: string }[] = await this.dataSource.query(
      `SELECT t.version, p.value, p.flags
         FROM hub_population p JOIN hub_population_table t ON t.id = p.population_table
        WHERE p.geo = $1 AND p.year = $2 AND p.sex = $3 AND p.age = $4
          AND t.id = (SELECT id FROM hub_population_table WHERE $5::text IS NULL OR version = $5
                       ORDER BY extraction_date DESC, loaded_at DESC, id DESC LIMIT 1)`,
      [geo, year, options.sex ?? 'T', options.age ?? 'TOTAL', options.version ?? null],
    );
    const row = rows[0];
    if (!row) {
      if (options.version !== undefined && !(await this.dataSource.getRepository(PopulationTableEntity).existsBy({ version: options.version }))) {
        throw new PopulationException(PopulationErrorCode.TABLE_NOT_FOUND, `No population table version ${options.version}.`, ['version']);
      }
      return null;
    }
    return {
      geo,
      year,
      sex: options.sex ?? 'T',
      age: options.age ?? 'TOTAL',
      value: row.value === null ? null : Number(row.value),
      flags: row.flags,
      version: row.version,
    };
  }
}

/**
 * What a population table can hold (schemas/population-table.schema.json): checked before the lookup, so a wrong code
 * is an error rather than "not available", and a year beyond the smallint column is refused rather than failing there.
 */
function assertQueryable(geo: string, year: number, options: { sex?: string; age?: string }): void {
  const refuse = (field: string, message: string) => new PopulationException(PopulationErrorCode.INVALID_POPULATION_QUERY, message, [field]);
  if (!/^[A-Z][A-Z0-9_]{1,31}$/.test(geo)) throw refuse('geo', 'geo is a country code (Eurostat spelling) or an aggregate such as EU27_2020.');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw refuse('year', 'year has four digits.');
  if (options.sex !== undefined && !['T', 'F', 'M'].includes(options.sex)) throw refuse('sex', 'sex is T, F or M.');
  if (options.age !== undefined && !/^[A-Z0-9_-]{1,32}$/.test(options.age)) throw refuse('age', 'age is TOTAL or an age code of the table.');
}

async function insertTable(manager: EntityManager, table: PopulationTable, loadedAt: Date): Promise<void> {
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
