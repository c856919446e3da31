import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed messages waiting for (or done with) delivery to the hub. The id is the message's returnId or noticeId, which
 * the hub uses for idempotency, so redelivering after a crash is safe. `lease_until` marks a delivery in progress:
 * a message whose lease ran out (its process died mid-delivery) is due again. `seq` is the delivery order: strictly
 * first in, first out, so a return built before a revocation always reaches the hub before the revocation notice.
 */
export class CreateOutbox1795300000003 implements MigrationInterface {
  name = 'CreateOutbox1795300000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        kind text NOT NULL CHECK (kind IN ('RETURN', 'REVOCATION')),
        state text NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'DELIVERED', 'RECEIPTED', 'REJECTED')),
        payload text NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_attempt_at timestamptz,
        last_error_code text,
        hub_status text CHECK (hub_status IN ('ACCEPTED', 'DUPLICATE')),
        receipt text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'SENDING') = (lease_until IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX outbox_message_undelivered ON outbox_message (seq) WHERE state IN ('PENDING', 'SENDING')`);
    await queryRunner.query('CREATE INDEX outbox_message_created ON outbox_message (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox_message');
  }
}
