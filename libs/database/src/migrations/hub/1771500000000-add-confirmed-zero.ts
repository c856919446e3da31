import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A return may confirm a true zero (no registration in the period); the release flags it `-`. */
export class AddConfirmedZero1771500000000 implements MigrationInterface {
  name = 'AddConfirmedZero1771500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE hub_submission ADD COLUMN confirmed_zero boolean NOT NULL DEFAULT false
        CHECK (NOT confirmed_zero OR (record_count = 0 AND withheld_no_consent = 0 AND withheld_invalid = 0))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE hub_submission DROP COLUMN confirmed_zero');
  }
}
