import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbered, immutable releases: per dataset of the figure catalogue, one row per published cell with its coordinate
 * codes, PUBLISHED value (null when suppressed or not available) and flags, never an original count, a record count
 * or a cell key (an exact count would undo the protection between two releases).
 * `hub_release_coverage` says, per geo and time, whether the country reported: a cell absent from a reported
 * (geo, time) is a true zero, one of a missing (geo, time) is not available. Triggers refuse any change after insert.
 */
export class CreateReleases1771200005000 implements MigrationInterface {
  name = 'CreateReleases1771200005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_release (
        number integer PRIMARY KEY CHECK (number >= 1),
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        note text,
        disclosure_method text NOT NULL,
        small_count_threshold integer NOT NULL,
        standard_version text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE hub_release_dataset (
        release_number integer NOT NULL REFERENCES hub_release (number),
        dataset text NOT NULL,
        dimension_ids text[] NOT NULL,
        cell_count integer NOT NULL,
        PRIMARY KEY (release_number, dataset)
      )`);
    await queryRunner.query(`
      CREATE TABLE hub_release_coverage (
        release_number integer NOT NULL REFERENCES hub_release (number),
        geo text NOT NULL,
        time text NOT NULL,
        reported boolean NOT NULL,
        flags text NOT NULL,
        breakdowns_not_collected text[] NOT NULL,
        PRIMARY KEY (release_number, geo, time)
      )`);
    await queryRunner.query(`
      CREATE TABLE hub_release_cell (
        release_number integer NOT NULL,
        dataset text NOT NULL,
        geo text NOT NULL,
        time text NOT NULL,
        codes text[] NOT NULL,
        value integer CHECK (value >= 0),
        flags text NOT NULL,
        PRIMARY KEY (release_number, dataset, geo, time, codes),
        FOREIGN KEY (release_number, dataset) REFERENCES hub_release_dataset (release_number, dataset)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION hub_refuse_release_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'releases are immutable: % on % refused', TG_OP, TG_TABLE_NAME;
      END
      $$`);
    for (const table of ['hub_release', 'hub_release_dataset', 'hub_release_coverage', 'hub_release_cell']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION hub_refuse_release_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_release_cell');
    await queryRunner.query('DROP TABLE hub_release_coverage');
    await queryRunner.query('DROP TABLE hub_release_dataset');
    await queryRunner.query('DROP TABLE hub_release');
    await queryRunner.query('DROP FUNCTION hub_refuse_release_change()');
  }
}
