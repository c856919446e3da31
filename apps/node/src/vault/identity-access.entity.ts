import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where an identity was shown: the console's "show identity" or the GraphQL `personIdentity` query. */
export enum IdentityAccessChannel {
  CONSOLE = 'CONSOLE',
  GRAPHQL = 'GRAPHQL',
}

/** One read of an identity, for the node's audit log: who, whose, when, how. Never the identity itself. */
@Entity({ name: 'identity_access' })
export class IdentityAccessEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** The token subject of the reader (an account id). */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  channel!: IdentityAccessChannel;

  @Column({ name: 'accessed_at', type: 'timestamptz' })
  accessedAt!: Date;
}
