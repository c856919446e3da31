import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PublicSigningJwk } from '#app/crypto';

/** A node's public signing key, found by its `kid` (RFC 7638 thumbprint) when a signed message arrives. */
@Entity('hub_node_key')
export class NodeKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: PublicSigningJwk;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
