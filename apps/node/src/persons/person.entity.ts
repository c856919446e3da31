import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person known to the node: statistical and consent facts only (identity fields are in the vault). */
@Entity({ name: 'person' })
export class PersonEntity {
  /** The node's internal person id; its keyed hash is the pseudonym. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The import file's person id (or CTDC row id); unique per node so re-imports find the same person. */
  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef!: string | null;

  /** Stored at creation, so a revocation never depends on recomputing it. */
  @Column({ type: 'char', length: 43 })
  pseudonym!: string;

  @Column({ name: 'statistics_consent_given_on', type: 'date', nullable: true })
  statisticsConsentGivenOn!: string | null;

  @Column({ name: 'international_consent_given_on', type: 'date', nullable: true })
  internationalConsentGivenOn!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
