import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A submitted return's envelope facts; the signed return itself is the outbox message with the same id. */
@Entity({ name: 'quarterly_return' })
export class QuarterlyReturnEntity {
  /** The returnId. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount!: number;

  @Column({ name: 'withheld_no_consent', type: 'integer' })
  withheldNoConsent!: number;

  @Column({ name: 'withheld_invalid', type: 'integer' })
  withheldInvalid!: number;

  /** The rapporteur confirmed that the period had no registration (a true zero). */
  @Column({ name: 'confirmed_zero', type: 'boolean', default: false })
  confirmedZero!: boolean;

  /** The token subject (an account id, never a name). */
  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;
}
