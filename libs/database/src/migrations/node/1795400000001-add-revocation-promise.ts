import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the hub's verified revocation receipt promises for published figures, kept so the steward can pass it on. */
export class AddRevocationPromise1795400000001 implements MigrationInterface {
  name = 'AddRevocationPromise1795400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE revocation ADD COLUMN figures_promise text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE revocation DROP COLUMN figures_promise');
  }
}
