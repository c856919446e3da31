import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A return may confirm a true zero: the rapporteur states that the period had no registration. */
export class AddConfirmedZero1795500000001 implements MigrationInterface {
  name = 'AddConfirmedZero1795500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE quarterly_return ADD COLUMN confirmed_zero boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE quarterly_return DROP COLUMN confirmed_zero');
  }
}
