import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a country's figures mean from a period on (docs/DATA-STANDARD.md section 4); the source of flags `d`, `b`, `:`. */
export class CreateCountryMetadata1771200003000 implements MigrationInterface {
  name = 'CreateCountryMetadata1771200003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_country_metadata (
        country text NOT NULL,
        valid_from text NOT NULL,
        valid_to text,
        legal_definition text NOT NULL,
        identification_threshold text NOT NULL,
        presumed_victims_included boolean NOT NULL,
        breakdowns_not_collected text[] NOT NULL,
        footnote text,
        standard_version text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (country, valid_from)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_country_metadata');
  }
}
