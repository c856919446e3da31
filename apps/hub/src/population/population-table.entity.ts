import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One loaded version of a population table; its rows are in `hub_population`. */
@Entity('hub_population_table')
export class PopulationTableEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'text', unique: true })
  version!: string;

  @Column({ name: 'table_id', type: 'text' })
  tableId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl!: string | null;

  /** ISO date (YYYY-MM-DD). */
  @Column({ name: 'extraction_date', type: 'date' })
  extractionDate!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'fixed_dimensions', type: 'jsonb', nullable: true })
  fixedDimensions!: Record<string, string> | null;

  @Column({ name: 'standard_version', type: 'text' })
  standardVersion!: string;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;
}
