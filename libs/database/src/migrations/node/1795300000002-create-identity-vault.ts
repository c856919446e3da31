import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity vault: one sealed identity per person (XChaCha20-Poly1305 under a per-person key, that key wrapped by
 * the node's vault key). Revocation sets the wrapped key to NULL, which makes the ciphertext unreadable for good.
 */
export class CreateIdentityVault1795300000002 implements MigrationInterface {
  name = 'CreateIdentityVault1795300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_identity (
        person_id uuid PRIMARY KEY REFERENCES person (id),
        ciphertext bytea NOT NULL,
        nonce bytea NOT NULL,
        wrapped_key bytea,
        wrap_nonce bytea,
        sealed_at timestamptz NOT NULL,
        shredded_at timestamptz,
        CHECK ((wrapped_key IS NULL) = (wrap_nonce IS NULL)),
        CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person_identity');
  }
}
