import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocations of consent: one per person, each with its signed notice in the outbox (same id = noticeId). The hub's
 * receipt, once verified, records how many of the person's records the hub erased.
 */
export class CreateRevocations1795300000005 implements MigrationInterface {
  name = 'CreateRevocations1795300000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE revocation (
        id uuid PRIMARY KEY REFERENCES outbox_message (id),
        person_id uuid NOT NULL UNIQUE REFERENCES person (id),
        pseudonym char(43) NOT NULL,
        revoked_at timestamptz NOT NULL,
        revoked_by text NOT NULL,
        erased integer CHECK (erased >= 0),
        receipted_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE revocation');
  }
}
