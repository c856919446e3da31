import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registered national nodes and their public signing keys (one active key or more during a rotation). */
export class CreateNodeRegistry1771200000000 implements MigrationInterface {
  name = 'CreateNodeRegistry1771200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_node (
        node_id text PRIMARY KEY CHECK (node_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        countries text[] NOT NULL CHECK (cardinality(countries) > 0),
        registered_at timestamptz NOT NULL,
        retired_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE hub_node_key (
        kid text PRIMARY KEY,
        node_id text NOT NULL REFERENCES hub_node (node_id),
        public_jwk jsonb NOT NULL,
        registered_at timestamptz NOT NULL,
        retired_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX hub_node_key_node ON hub_node_key (node_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_node_key');
    await queryRunner.query('DROP TABLE hub_node');
  }
}
