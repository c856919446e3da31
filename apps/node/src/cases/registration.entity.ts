import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Protection } from '@app/standard';

/** One registration of a person in a legal status (a case): the coded attributes a return carries. */
@Entity({ name: 'registration' })
export class RegistrationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** Null when only the year of registration is known (CTDC exports); `period` is then the year. */
  @Column({ name: 'registration_date', type: 'date', nullable: true })
  registrationDate!: string | null;

  /** `YYYY-Qn`, or `YYYY` for a registration known only to the year. */
  @Column({ type: 'text' })
  period!: string;

  @Column({ name: 'legal_status', type: 'text' })
  legalStatus!: string;

  @Column({ type: 'text' })
  sex!: string;

  @Column({ name: 'age_group', type: 'text' })
  ageGroup!: string;

  @Column({ type: 'text' })
  citizenship!: string;

  @Column({ type: 'text', array: true })
  exploitation!: string[];

  @Column({ name: 'labour_sector', type: 'text', nullable: true })
  labourSector!: string | null;

  @Column({ name: 'registering_organisation', type: 'text', nullable: true })
  registeringOrganisation!: string | null;

  @Column({ name: 'cross_border', type: 'text' })
  crossBorder!: string;

  @Column({ type: 'jsonb', nullable: true })
  protection!: Protection | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
