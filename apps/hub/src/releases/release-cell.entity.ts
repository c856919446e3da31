import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One published cell: coordinates, PUBLISHED value and flags; never an original count or a cell key. Indexed by
 * (release, dataset, geo, time, codes) for slicing; written in bulk with SQL.
 */
@Entity('hub_release_cell')
export class ReleaseCellEntity {
  @PrimaryColumn({ name: 'release_number', type: 'integer' })
  releaseNumber!: number;

  @PrimaryColumn({ type: 'text' })
  dataset!: string;

  @PrimaryColumn({ type: 'text' })
  geo!: string;

  @PrimaryColumn({ type: 'text' })
  time!: string;

  /** One code per dimension of `hub_release_dataset.dimension_ids`, `TOTAL` for a margin. */
  @PrimaryColumn({ type: 'text', array: true })
  codes!: string[];

  /** Null when suppressed (`c`) or not available (`:`). */
  @Column({ type: 'integer', nullable: true })
  value!: number | null;

  /** Eurostat observation flags in the standard's canonical order, '' when none. */
  @Column({ type: 'text' })
  flags!: string;
}
