import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled revisions (docs/DISCLOSURE-CONTROL.md, "Revisions"): a country and time that has been published keeps its
 * published figures until enough of its records have changed to hide each change.
 * - `hub_period_change`: one row per accepted change to the records of a country and time (a revocation, a replaced
 *   return, a late registration): how many persons changed, never who. A release that revises the period deletes the
 *   rows it applied; rows that arrive while it runs stay for the next one.
 * - `hub_published_aggregate`: per dataset, country and time, the unprotected aggregate (codes, count of persons, cell
 *   key) the last published figures were computed from, so that a held period is published again exactly as before
 *   once its records are erased. Aggregates only: no pseudonym, no record.
 * - `hub_release.revision_min_changes`: the public parameter of the policy, stated with each release.
 */
export class CreateRevisionHolds1771400000000 implements MigrationInterface {
  name = 'CreateRevisionHolds1771400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_period_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        geo text NOT NULL,
        time text NOT NULL,
        changes integer NOT NULL CHECK (changes > 0),
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX hub_period_change_geo_time ON hub_period_change (geo, time)');
    await queryRunner.query(`
      CREATE TABLE hub_published_aggregate (
        dataset text NOT NULL,
        geo text NOT NULL,
        time text NOT NULL,
        release_number integer NOT NULL REFERENCES hub_release (number),
        revision integer NOT NULL CHECK (revision >= 0),
        cells text NOT NULL,
        PRIMARY KEY (dataset, geo, time)
      )`);
    await queryRunner.query('ALTER TABLE hub_release ADD COLUMN revision_min_changes integer CHECK (revision_min_changes >= 1)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_published_aggregate');
    await queryRunner.query('DROP TABLE hub_period_change');
    await queryRunner.query('ALTER TABLE hub_release DROP COLUMN revision_min_changes');
  }
}
