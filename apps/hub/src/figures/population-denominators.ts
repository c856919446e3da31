import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PopulationService } from '../population/population.service.js';
import type { PopulationReference } from './figure-table.js';
import type { PopulationOf, PopulationValue } from './rates.js';

/**
 * Population denominators for rates, read in one query per table: the current version is the population service's
 * (the latest extraction), so figures and the `population` query always agree on which table is in force.
 */
@Injectable()
export class PopulationDenominators {
  constructor(
    private readonly dataSource: DataSource,
    private readonly population: PopulationService,
  ) {}

  async current(): Promise<PopulationReference | null> {
    const [current] = await this.population.tables();
    return current === undefined ? null : { version: current.version, tableId: current.tableId };
  }

  /** Total population (both sexes, all ages) of the geos in the years, from one table version. */
  async lookup(version: string, geos: readonly string[], years: readonly number[]): Promise<PopulationOf> {
    const rows: { geo: string; year: number; value: string | null; flags: string }[] = await this.dataSource.query(
      `SELECT p.geo, p.year, p.value, p.flags
         FROM hub_population p JOIN hub_population_table t ON t.id = p.population_table
        WHERE t.version = $1 AND p.sex = 'T' AND p.age = 'TOTAL' AND p.geo = ANY($2::text[]) AND p.year = ANY($3::smallint[])`,
      [version, [...new Set(geos)], [...new Set(years)]],
    );
    const values = new Map<string, PopulationValue>(
      rows.map((row) => [`${row.geo}|${row.year}`, { value: row.value === null ? null : Number(row.value), flags: row.flags }]),
    );
    return (geo, year) => values.get(`${geo}|${year}`);
  }
}
