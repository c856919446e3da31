import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EurostatTsvError, parseEurostatPopulationTsv, projectPopulationTable, tryParseIsoDate, type PopulationTable } from '#app/standard';
import type { LoadPopulationTableInput } from './dto/load-population-table.input.js';
import type { PopulationFigureModel, PopulationTableModel } from './population-table.model.js';
import { PopulationErrorCode, PopulationException } from './population.exception.js';
import { PopulationRepository } from './population.repository.js';
import { FigureInputs } from '../figures-cache/figure-inputs.js';

/**
 * Versioned population denominators. The project's own copy (libs/standard) is loaded at the first start; an
 * administrator loads newer tables in Eurostat's TSV layout. Rates use the latest extraction and name its version.
 */
@Injectable()
export class PopulationService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Population');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PopulationRepository,
    private readonly figureInputs: FigureInputs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.repository.lockTables(manager);
      if ((await this.repository.tableCount(manager)) > 0) return;
      const table = projectPopulationTable();
      await this.repository.insertTable(manager, table, new Date());
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
        throw new PopulationException(
          PopulationErrorCode.INVALID_POPULATION_TABLE,
          `The TSV is not a population table: ${error.message}.`,
          ['input.tsv'],
          { line: error.line, ...(error.column === undefined ? {} : { column: error.column }) },
        );
      }
      throw error;
    }
    await this.figureInputs.changing(() => this.insertNewVersion(table, now));
    this.logger.log({ msg: 'population table loaded', version: table.version, observations: table.observations.length });
    return (await this.tables()).find((model) => model.version === table.version) as PopulationTableModel;
  }

  private async insertNewVersion(table: PopulationTable, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.repository.lockTables(manager);
      if (await this.repository.versionExists(table.version, manager)) {
        throw new PopulationException(PopulationErrorCode.VERSION_EXISTS, `Population table version ${table.version} is already loaded.`, [
          'input.version',
        ]);
      }
      await this.repository.insertTable(manager, table, now);
    });
  }

  /** Every loaded version, the current one first. */
  async tables(): Promise<PopulationTableModel[]> {
    return (await this.repository.tables()).map((row, index) => ({ ...row, current: index === 0 }));
  }

  /** Population of a geo in a year from the named version, or the current one. */
  async figure(
    geo: string,
    year: number,
    options: { sex?: string; age?: string; version?: string } = {},
  ): Promise<PopulationFigureModel | null> {
    assertQueryable(geo, year, options);
    const row = await this.repository.figure(geo, year, options.sex ?? 'T', options.age ?? 'TOTAL', options.version);
    if (!row) {
      if (options.version !== undefined && !(await this.repository.versionExists(options.version))) {
        throw new PopulationException(PopulationErrorCode.TABLE_NOT_FOUND, `No population table version ${options.version}.`, ['version']);
      }
      return null;
    }
    return {
      geo,
      year,
      sex: options.sex ?? 'T',
      age: options.age ?? 'TOTAL',
      value: row.value,
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
  const refuse = (field: string, message: string) =>
    new PopulationException(PopulationErrorCode.INVALID_POPULATION_QUERY, message, [field]);
  if (!/^[A-Z][A-Z0-9_]{1,31}$/.test(geo))
    throw refuse('geo', 'geo is a country code (Eurostat spelling) or an aggregate such as EU27_2020.');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw refuse('year', 'year has four digits.');
  if (options.sex !== undefined && !['T', 'F', 'M'].includes(options.sex)) throw refuse('sex', 'sex is T, F or M.');
  if (options.age !== undefined && !/^[A-Z0-9_-]{1,32}$/.test(options.age))
    throw refuse('age', 'age is TOTAL or an age code of the table.');
}
