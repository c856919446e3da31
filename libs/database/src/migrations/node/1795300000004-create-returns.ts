import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quarterly returns as submitted: envelope facts only (the signed payload itself is the outbox message). */
export class CreateReturns1795300000004 implements MigrationInterface {
  name = 'CreateReturns1795300000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE quarterly_return (
        id uuid PRIMARY KEY REFERENCES outbox_message (id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
        revision integer NOT NULL CHECK (revision >= 1),
        generated_at timestamptz NOT NULL,
        record_count integer NOT NULL CHECK (record_count >= 0),
        withheld_no_consent integer NOT NULL CHECK (withheld_no_consent >= 0),
        withheld_invalid integer NOT NULL CHECK (withheld_invalid >= 0),
        submitted_by text NOT NULL,
        CONSTRAINT quarterly_return_period_revision UNIQUE (period, revision)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE quarterly_return');
  }
}
