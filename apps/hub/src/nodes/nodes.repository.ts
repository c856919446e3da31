import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PublicSigningJwk } from '#app/crypto';
import { NodeKeyEntity } from './node-key.entity.js';
import { NodeEntity } from './node.entity.js';
import type { NodeLastSubmissionModel } from './node.model.js';

/** Who signed a message: the node behind an active key. */
export interface RegisteredSigner {
  readonly nodeId: string;
  readonly countries: readonly string[];
  readonly nodeRetired: boolean;
  readonly publicJwk: PublicSigningJwk;
}

/** SQL of the node registry: nodes, their countries and keys, and what each last sent. */
@Injectable()
export class NodesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One registration at a time, so two nodes can never claim the same country concurrently. */
  async lockRegistry(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE hub_node IN SHARE ROW EXCLUSIVE MODE');
  }

  /** Holds the intake lock of a country until the transaction ends: its signed messages apply one at a time. */
  async lockCountryIntake(manager: EntityManager, country: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`thb-country:${country}`]);
  }

  async findNode(manager: EntityManager, nodeId: string): Promise<NodeEntity | null> {
    return manager.findOneBy(NodeEntity, { nodeId });
  }

  /** The node, locked for update until the transaction ends. */
  async lockNode(manager: EntityManager, nodeId: string): Promise<NodeEntity | null> {
    return manager.findOne(NodeEntity, { where: { nodeId }, lock: { mode: 'pessimistic_write' } });
  }

  async findKey(manager: EntityManager, kid: string): Promise<NodeKeyEntity | null> {
    return manager.findOneBy(NodeKeyEntity, { kid });
  }

  async insertNode(manager: EntityManager, node: NodeEntity): Promise<void> {
    await manager.insert(NodeEntity, node);
  }

  async insertKey(manager: EntityManager, key: NodeKeyEntity): Promise<void> {
    await manager.insert(NodeKeyEntity, key);
  }

  async retireKeysOf(manager: EntityManager, nodeId: string, now: Date): Promise<void> {
    await manager.query('UPDATE hub_node_key SET retired_at = $2 WHERE node_id = $1 AND retired_at IS NULL', [nodeId, now]);
  }

  async retireKey(manager: EntityManager, kid: string, now: Date): Promise<void> {
    await manager.update(NodeKeyEntity, { kid }, { retiredAt: now });
  }

  async retireNode(manager: EntityManager, nodeId: string, now: Date): Promise<void> {
    await manager.update(NodeEntity, { nodeId }, { retiredAt: now });
  }

  /** Of these countries, those an active node reports for, with that node. */
  async takenCountries(manager: EntityManager, countries: readonly string[]): Promise<Array<{ country: string; nodeId: string }>> {
    const rows: { country: string; node_id: string }[] = await manager.query(
      `SELECT c AS country, node_id FROM hub_node, unnest(countries) AS c
        WHERE retired_at IS NULL AND c = ANY($1) ORDER BY c`,
      [countries],
    );
    return rows.map((row) => ({ country: row.country, nodeId: row.node_id }));
  }

  async nodes(): Promise<NodeEntity[]> {
    return this.dataSource.getRepository(NodeEntity).find({ order: { nodeId: 'ASC' } });
  }

  async keysOf(nodeIds: readonly string[]): Promise<NodeKeyEntity[]> {
    return this.dataSource
      .getRepository(NodeKeyEntity)
      .createQueryBuilder('key')
      .where('key.nodeId IN (:...ids)', { ids: nodeIds })
      .orderBy('key.registeredAt', 'ASC')
      .addOrderBy('key.kid', 'ASC')
      .getMany();
  }

  async signerOf(kid: string): Promise<RegisteredSigner | undefined> {
    const rows: { node_id: string; countries: string[]; node_retired: boolean; public_jwk: PublicSigningJwk }[] =
      await this.dataSource.query(
        `SELECT k.node_id, n.countries, n.retired_at IS NOT NULL AS node_retired, k.public_jwk
         FROM hub_node_key k JOIN hub_node n USING (node_id)
        WHERE k.kid = $1 AND k.retired_at IS NULL`,
        [kid],
      );
    const row = rows[0];
    return row && { nodeId: row.node_id, countries: row.countries, nodeRetired: row.node_retired, publicJwk: row.public_jwk };
  }

  /** Country -> node for the nodes still active. */
  async activeCountries(manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const rows: { country: string; node_id: string }[] = await manager.query(
      'SELECT unnest(countries) AS country, node_id FROM hub_node WHERE retired_at IS NULL ORDER BY 1',
    );
    return new Map(rows.map((row) => [row.country, row.node_id]));
  }

  async lastSubmissions(nodeIds: readonly string[]): Promise<Map<string, NodeLastSubmissionModel>> {
    const rows: {
      node_id: string;
      return_id: string;
      country: string;
      period: string;
      revision: number;
      record_count: number;
      received_at: Date;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (node_id) node_id, return_id, country, period, revision, record_count, received_at
         FROM hub_submission WHERE node_id = ANY($1) ORDER BY node_id, received_at DESC, return_id`,
      [nodeIds],
    );
    return new Map(
      rows.map((row) => [
        row.node_id,
        {
          returnId: row.return_id,
          country: row.country,
          period: row.period,
          revision: row.revision,
          recordCount: row.record_count,
          receivedAt: row.received_at,
        },
      ]),
    );
  }
}
