import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who asked the hub for which published figures: subject and role of the token (null for anonymous readers of public
 * exports and reports), operation, dataset, release, format or previewed country, time. Aggregate requests only: no
 * filter values, no cell, never record-level data.
 */
export class CreateAccessLog1771300000000 implements MigrationInterface {
  name = 'CreateAccessLog1771300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        subject text,
        role text,
        operation text NOT NULL,
        dataset text,
        release_number integer,
        format text,
        country text,
        CHECK ((subject IS NULL) = (role IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX hub_access_log_at ON hub_access_log (at)');
    await queryRunner.query('CREATE INDEX hub_access_log_dataset ON hub_access_log (dataset, release_number)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_access_log');
  }
}
