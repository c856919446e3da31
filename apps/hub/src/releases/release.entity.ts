import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A numbered, immutable release (the database refuses updates and deletes). */
@Entity('hub_release')
export class ReleaseEntity {
  @PrimaryColumn({ type: 'integer' })
  number!: number;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  /** Subject (account id) of the administrator's token. */
  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'disclosure_method', type: 'text' })
  disclosureMethod!: string;

  @Column({ name: 'small_count_threshold', type: 'integer' })
  smallCountThreshold!: number;

  /** The revision policy's public parameter; null for releases published before the policy existed. */
  @Column({ name: 'revision_min_changes', type: 'integer', nullable: true })
  revisionMinChanges!: number | null;

  @Column({ name: 'standard_version', type: 'text' })
  standardVersion!: string;
}
