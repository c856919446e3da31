import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's revocation of consent; its signed notice is the outbox message with the same id (the noticeId). */
@Entity({ name: 'revocation' })
export class RevocationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'char', length: 43 })
  pseudonym!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz' })
  revokedAt!: Date;

  @Column({ name: 'revoked_by', type: 'text' })
  revokedBy!: string;

  /** How many records the hub erased, from its verified receipt. */
  @Column({ type: 'integer', nullable: true })
  erased!: number | null;

  /** What the hub's verified receipt promises for published figures. */
  @Column({ name: 'figures_promise', type: 'text', nullable: true })
  figuresPromise!: string | null;

  @Column({ name: 'receipted_at', type: 'timestamptz', nullable: true })
  receiptedAt!: Date | null;
}
