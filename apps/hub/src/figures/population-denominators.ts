import { Injectable } from '@nestjs/common';
import { PopulationRepository } from '../population/population.repository.js';
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
    private readonly repository: PopulationRepository,
    private readonly population: PopulationService,
  ) {}

  async current(): Promise<PopulationReference | null> {
    const [current] = await this.population.tables();
    return current === undefined ? null : { version: current.version, tableId: current.tableId };
  }

  /** Total population (both sexes, all ages) of the geos in the years, from one table version. */
  async lookup(version: string, geos: readonly string[], years: readonly number[]): Promise<PopulationOf> {
    const values: ReadonlyMap<string, PopulationValue> = await this.repository.totals(version, geos, years);
    return (geo, year) => values.get(`${geo}|${year}`);
  }
}
