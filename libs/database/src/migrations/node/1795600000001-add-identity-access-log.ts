import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The node's audit log of identity reads: every time an identity is shown (console "show identity", GraphQL
 * `personIdentity`), who read whose, when and through which channel; ids only, never the identity itself. Kept when
 * the person revokes (the log is the node's accountability, not a statistical record). Also an index for listing
 * persons newest or oldest first without sorting the whole table.
 */
export class AddIdentityAccessLog1795600000001 implements MigrationInterface {
  name = 'AddIdentityAccessLog1795600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE identity_access (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        channel text NOT NULL CHECK (channel IN ('CONSOLE', 'GRAPHQL')),
        accessed_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX identity_access_person ON identity_access (person_id, accessed_at DESC)');
    await queryRunner.query('CREATE INDEX person_created ON person (created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX person_created');
    await queryRunner.query('DROP TABLE identity_access');
  }
}
