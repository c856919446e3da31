import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A quarterly return the hub accepted, with the receipt it answered (sent again, unchanged, to a replay). */
@Entity('hub_submission')
export class SubmissionEntity {
  @PrimaryColumn({ name: 'return_id', type: 'uuid' })
  returnId!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'standard_version', type: 'text' })
  standardVersion!: string;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount!: number;

  @Column({ name: 'withheld_no_consent', type: 'integer' })
  withheldNoConsent!: number;

  @Column({ name: 'withheld_invalid', type: 'integer' })
  withheldInvalid!: number;

  /** The rapporteur confirmed that the period had no registration: a true zero, published with the flag `-`. */
  @Column({ name: 'confirmed_zero', type: 'boolean', default: false })
  confirmedZero!: boolean;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  receipt!: string;
}
