import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Population on 1 January of one geo, year, sex and age in one table version. */
@Entity('hub_population')
export class PopulationEntity {
  @PrimaryColumn({ name: 'population_table', type: 'integer' })
  populationTable!: number;

  @PrimaryColumn({ type: 'text' })
  geo!: string;

  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  sex!: string;

  @PrimaryColumn({ type: 'text' })
  age!: string;

  /** Persons, as a decimal string (bigint); null when the source marks it not available. */
  @Column({ type: 'bigint', nullable: true })
  value!: string | null;

  @Column({ type: 'text' })
  flags!: string;
}
