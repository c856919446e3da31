import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Revocation notices applied: who sent one, for which country, how many records it erased. Never the pseudonyms. */
export class CreateRevocationLedger1771200002000 implements MigrationInterface {
  name = 'CreateRevocationLedger1771200002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_revocation (
        notice_id uuid PRIMARY KEY,
        node_id text NOT NULL REFERENCES hub_node (node_id),
        country text NOT NULL,
        pseudonym_count integer NOT NULL CHECK (pseudonym_count >= 0),
        erased integer NOT NULL CHECK (erased >= 0),
        issued_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        receipt text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX hub_revocation_country ON hub_revocation (country, received_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_revocation');
  }
}
