import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A pseudonymised record as stored at the hub: the statistical fields of the standard, its derived leaf codes in the
 * figure catalogue (see releases/dimension-columns.ts) and the record key of the cell-key method. Written and read in
 * bulk with SQL; the entity documents the table and serves small lookups.
 */
@Entity('hub_record')
export class HubRecordEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'return_id', type: 'uuid' })
  returnId!: string;

  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'smallint', nullable: true })
  quarter!: number | null;

  @Column({ type: 'text' })
  pseudonym!: string;

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

  @Column({ name: 'residence_permit', type: 'text', nullable: true })
  residencePermit!: string | null;

  @Column({ name: 'reflection_period', type: 'integer', nullable: true })
  reflectionPeriod!: number | null;

  @Column({ type: 'boolean', nullable: true })
  assistance!: boolean | null;

  @Column({ name: 'assistance_conditional', type: 'boolean', nullable: true })
  assistanceConditional!: boolean | null;

  @Column({ type: 'text', nullable: true })
  compensation!: string | null;

  @Column({ type: 'text', nullable: true })
  returned!: string | null;

  @Column({ name: 'age_detailed', type: 'text', nullable: true })
  ageDetailed!: string | null;

  @Column({ name: 'age_class', type: 'text', nullable: true })
  ageClass!: string | null;

  @Column({ name: 'citizen', type: 'text', nullable: true })
  citizen!: string | null;

  @Column({ name: 'reg_org', type: 'text', nullable: true })
  regOrg!: string | null;

  @Column({ name: 'permit', type: 'text', nullable: true })
  permit!: string | null;

  @Column({ name: 'compens', type: 'text', nullable: true })
  compens!: string | null;

  @Column({ name: 'return_code', type: 'text', nullable: true })
  returnCode!: string | null;

  /** 52-bit record key as a decimal string (pg returns bigint as text). */
  @Column({ name: 'record_key', type: 'bigint' })
  recordKey!: string;
}
