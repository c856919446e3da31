import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per geo and time of a release: reported or not, the flags every cell of it carries, and the breakdowns not
 * collected. A cell absent from `hub_release_cell` is 0 with these flags if reported, not available (`:`) if not.
 */
@Entity('hub_release_coverage')
export class ReleaseCoverageEntity {
  @PrimaryColumn({ name: 'release_number', type: 'integer' })
  releaseNumber!: number;

  @PrimaryColumn({ type: 'text' })
  geo!: string;

  @PrimaryColumn({ type: 'text' })
  time!: string;

  @Column({ type: 'boolean' })
  reported!: boolean;

  @Column({ type: 'text' })
  flags!: string;

  @Column({ name: 'breakdowns_not_collected', type: 'text', array: true })
  breakdownsNotCollected!: string[];
}
