import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLogEntity } from './access-log.entity.js';

/** One access log row in column order: at, subject, role, operation, dataset, release, format, country. */
export type AccessLogRow = readonly [
  Date,
  string | null,
  string | null,
  string,
  string | null,
  number | null,
  string | null,
  string | null,
];

/** SQL of the access log: group inserts and the latest entries. */
@Injectable()
export class AccessLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One multi-row insert for the whole round. */
  async insert(rows: readonly AccessLogRow[]): Promise<void> {
    const column = (index: number) => rows.map((row) => row[index]);
    await this.dataSource.query(
      `INSERT INTO hub_access_log (at, subject, role, operation, dataset, release_number, format, country)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[])`,
      [0, 1, 2, 3, 4, 5, 6, 7].map(column),
    );
  }

  async latest(limit: number, dataset?: string): Promise<AccessLogEntity[]> {
    return this.dataSource.getRepository(AccessLogEntity).find({
      where: dataset === undefined ? {} : { dataset },
      order: { id: 'DESC' },
      take: limit,
    });
  }
}
