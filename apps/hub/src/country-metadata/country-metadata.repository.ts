import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CountryMetadataEntity } from './country-metadata.entity.js';

/** Data access of country metadata: entries per country and period, and a stamp that changes with any of them. */
@Injectable()
export class CountryMetadataRepository {
  constructor(private readonly dataSource: DataSource) {}

  async save(entity: CountryMetadataEntity): Promise<void> {
    await this.dataSource.getRepository(CountryMetadataEntity).save(entity);
  }

  /** Pass the transaction's manager when inside one (the embedded database serialises connections). */
  async entries(country?: string, manager: EntityManager = this.dataSource.manager): Promise<CountryMetadataEntity[]> {
    return manager.find(CountryMetadataEntity, { where: country === undefined ? {} : { country } });
  }

  async find(country: string, validFrom: string): Promise<CountryMetadataEntity | null> {
    return this.dataSource.getRepository(CountryMetadataEntity).findOneBy({ country, validFrom });
  }

  async delete(country: string, validFrom: string): Promise<void> {
    await this.dataSource.getRepository(CountryMetadataEntity).delete({ country, validFrom });
  }

  /** Changes whenever an entry is set or removed: how many there are and when one last changed. */
  async stamp(): Promise<string> {
    const [row]: { stamp: string }[] = await this.dataSource.query(
      `SELECT count(*) || '@' || coalesce(to_char(max(updated_at), 'YYYY-MM-DD"T"HH24:MI:SS.US'), '') AS stamp FROM hub_country_metadata`,
    );
    return row?.stamp ?? '';
  }
}
