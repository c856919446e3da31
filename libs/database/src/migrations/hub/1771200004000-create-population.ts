import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Versioned population tables (docs/DATA-STANDARD.md section 5), the denominators of rates. */
export class CreatePopulation1771200004000 implements MigrationInterface {
  name = 'CreatePopulation1771200004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_population_table (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version text NOT NULL UNIQUE,
        table_id text NOT NULL,
        title text NOT NULL,
        source text NOT NULL,
        source_url text,
        extraction_date date NOT NULL,
        note text,
        fixed_dimensions jsonb,
        standard_version text NOT NULL,
        loaded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE hub_population (
        population_table integer NOT NULL REFERENCES hub_population_table (id),
        geo text NOT NULL,
        year smallint NOT NULL,
        sex text NOT NULL,
        age text NOT NULL,
        value bigint CHECK (value >= 0),
        flags text NOT NULL,
        PRIMARY KEY (population_table, geo, year, sex, age)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_population');
    await queryRunner.query('DROP TABLE hub_population_table');
  }
}
