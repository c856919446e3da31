import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's sealed identity. After revocation `wrappedKey` and `wrapNonce` are null and the ciphertext is noise. */
@Entity({ name: 'person_identity' })
export class PersonIdentityEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'bytea' })
  ciphertext!: Buffer;

  @Column({ type: 'bytea' })
  nonce!: Buffer;

  @Column({ name: 'wrapped_key', type: 'bytea', nullable: true })
  wrappedKey!: Buffer | null;

  @Column({ name: 'wrap_nonce', type: 'bytea', nullable: true })
  wrapNonce!: Buffer | null;

  @Column({ name: 'sealed_at', type: 'timestamptz' })
  sealedAt!: Date;

  @Column({ name: 'shredded_at', type: 'timestamptz', nullable: true })
  shreddedAt!: Date | null;
}
