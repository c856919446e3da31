import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One request for published figures: who (token subject and role, or anonymous), what (dataset, release), when. */
@Entity('hub_access_log')
export class AccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The token's subject (an account id); null for an anonymous reader of a public export or report. */
  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  /** The role(s) the caller acted in for this operation, comma-separated; null when anonymous. */
  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'text' })
  operation!: string;

  @Column({ type: 'text', nullable: true })
  dataset!: string | null;

  @Column({ name: 'release_number', type: 'integer', nullable: true })
  releaseNumber!: number | null;

  /** Export format (jsonstat, sdmx-csv, csv), or html or pdf for the report page. */
  @Column({ type: 'text', nullable: true })
  format!: string | null;

  /** The country of a preview of unreleased figures. */
  @Column({ type: 'text', nullable: true })
  country!: string | null;
}
