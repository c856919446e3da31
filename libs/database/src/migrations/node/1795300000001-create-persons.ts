import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Persons and their registrations (cases): the statistical block only. Identity fields never get a column here; they
 * live encrypted in `person_identity`. `external_ref` is the import file's person id (or CTDC row id), unique per node,
 * so importing a file twice finds the same persons. One registration per person, period and legal status (the data
 * standard forbids a pseudonym twice with one legal status in a return), which also makes re-imports idempotent.
 */
export class CreatePersons1795300000001 implements MigrationInterface {
  name = 'CreatePersons1795300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        external_ref text UNIQUE CHECK (length(external_ref) BETWEEN 1 AND 200),
        pseudonym char(43) NOT NULL UNIQUE,
        statistics_consent_given_on date,
        international_consent_given_on date,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (international_consent_given_on IS NULL OR statistics_consent_given_on IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE registration (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        registration_date date,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
        legal_status text NOT NULL,
        sex text NOT NULL,
        age_group text NOT NULL,
        citizenship text NOT NULL,
        exploitation text[] NOT NULL CHECK (cardinality(exploitation) >= 1),
        labour_sector text,
        registering_organisation text,
        cross_border text NOT NULL,
        protection jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registration_person_period_status UNIQUE (person_id, period, legal_status)
      )`);
    await queryRunner.query('CREATE INDEX registration_period ON registration (period)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE registration');
    await queryRunner.query('DROP TABLE person');
  }
}
