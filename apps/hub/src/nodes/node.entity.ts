import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A national node registered at the hub, and the countries it may report for. */
@Entity('hub_node')
export class NodeEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text', array: true })
  countries!: string[];

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
