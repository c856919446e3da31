import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One applied revocation notice: counts and ids only; the pseudonyms it named are not kept. */
@Entity('hub_revocation')
export class RevocationEntity {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid' })
  noticeId!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  country!: string;

  @Column({ name: 'pseudonym_count', type: 'integer' })
  pseudonymCount!: number;

  @Column({ type: 'integer' })
  erased!: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  receipt!: string;
}
