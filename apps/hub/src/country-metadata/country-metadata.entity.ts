import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A country's metadata entry, in force from `validFrom` until `validTo` or the next entry. */
@Entity('hub_country_metadata')
export class CountryMetadataEntity {
  @PrimaryColumn({ type: 'text' })
  country!: string;

  @PrimaryColumn({ name: 'valid_from', type: 'text' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'text', nullable: true })
  validTo!: string | null;

  @Column({ name: 'legal_definition', type: 'text' })
  legalDefinition!: string;

  @Column({ name: 'identification_threshold', type: 'text' })
  identificationThreshold!: string;

  @Column({ name: 'presumed_victims_included', type: 'boolean' })
  presumedVictimsIncluded!: boolean;

  @Column({ name: 'breakdowns_not_collected', type: 'text', array: true })
  breakdownsNotCollected!: string[];

  @Column({ type: 'text', nullable: true })
  footnote!: string | null;

  @Column({ name: 'standard_version', type: 'text' })
  standardVersion!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
