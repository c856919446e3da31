import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dataset of a release: the order of its cells' codes, so a release stays readable if the catalogue changes. */
@Entity('hub_release_dataset')
export class ReleaseDatasetEntity {
  @PrimaryColumn({ name: 'release_number', type: 'integer' })
  releaseNumber!: number;

  @PrimaryColumn({ type: 'text' })
  dataset!: string;

  /** Dimension ids besides geo and time, in the order of `hub_release_cell.codes`. */
  @Column({ name: 'dimension_ids', type: 'text', array: true })
  dimensionIds!: string[];

  @Column({ name: 'cell_count', type: 'integer' })
  cellCount!: number;
}
