import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CryptoException, parseStrictJsonObject, publicSigningJwkFrom, type PublicSigningJwk } from '@app/crypto';
import { isCountryCode } from '@app/standard';
import type { RegisterNodeInput } from './dto/register-node.input.js';
import type { RotateNodeKeyInput } from './dto/rotate-node-key.input.js';
import { NodeKeyEntity } from './node-key.entity.js';
import { NodeEntity } from './node.entity.js';
import type { NodeKeyModel, NodeLastSubmissionModel, NodeModel } from './node.model.js';
import { NodesErrorCode, NodesException } from './nodes.exception.js';

const nodeIdPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** A kid is the RFC 7638 SHA-256 thumbprint of the key: 43 base64url characters. Anything else is no key of ours. */
const kidPattern = /^[A-Za-z0-9_-]{43}$/;

/** Who signed a message: the node behind an active key. */
export interface RegisteredSigner {
  readonly nodeId: string;
  readonly countries: readonly string[];
  readonly nodeRetired: boolean;
  readonly publicJwk: PublicSigningJwk;
}

/** The node registry: nodes, the countries they report for, and their keys. */
@Injectable()
export class NodesService {
  constructor(private readonly dataSource: DataSource) {}

  async register(input: RegisterNodeInput, now = new Date()): Promise<NodeModel> {
    const nodeId = checkedNodeId(input.nodeId, 'input.nodeId');
    const countries = checkedCountries(input.countries);
    const publicJwk = await checkedPublicJwk(input.publicJwk, 'input.publicJwk');
    await this.dataSource.transaction(async (manager) => {
      // One registration at a time, so two nodes can never claim the same country concurrently.
      await manager.query('LOCK TABLE hub_node IN SHARE ROW EXCLUSIVE MODE');
      if (await manager.findOneBy(NodeEntity, { nodeId })) {
        throw new NodesException(NodesErrorCode.NODE_EXISTS, `Node ${nodeId} is already registered.`, ['input.nodeId']);
      }
      await assertCountriesFree(manager, countries);
      await assertKeyUnknown(manager, publicJwk.kid);
      await manager.insert(NodeEntity, { nodeId, countries, registeredAt: now, retiredAt: null });
      await manager.insert(NodeKeyEntity, { kid: publicJwk.kid, nodeId, publicJwk, registeredAt: now, retiredAt: null });
    });
    return this.get(nodeId);
  }

  async rotateKey(input: RotateNodeKeyInput, now = new Date()): Promise<NodeModel> {
    checkedNodeId(input.nodeId, 'input.nodeId');
    const publicJwk = await checkedPublicJwk(input.publicJwk, 'input.publicJwk');
    await this.dataSource.transaction(async (manager) => {
      const node = await activeNode(manager, input.nodeId);
      await assertKeyUnknown(manager, publicJwk.kid);
      if (input.retirePrevious) {
        await manager.query('UPDATE hub_node_key SET retired_at = $2 WHERE node_id = $1 AND retired_at IS NULL', [node.nodeId, now]);
      }
      await manager.insert(NodeKeyEntity, { kid: publicJwk.kid, nodeId: node.nodeId, publicJwk, registeredAt: now, retiredAt: null });
    });
    return this.get(input.nodeId);
  }

  async retireKey(kid: string, now = new Date()): Promise<NodeModel> {
    if (!kidPattern.test(kid)) throw new NodesException(NodesErrorCode.KEY_NOT_FOUND, 'No key with this kid is registered.', ['kid']);
    const key = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(NodeKeyEntity, { kid });
      if (!found) throw new NodesException(NodesErrorCode.KEY_NOT_FOUND, 'No key with this kid is registered.', ['kid']);
      if (found.retiredAt) throw new NodesException(NodesErrorCode.KEY_RETIRED, 'This key is already retired.', ['kid']);
      await manager.update(NodeKeyEntity, { kid }, { retiredAt: now });
      return found;
    });
    return this.get(key.nodeId);
  }

  /**
   * A retired node's messages are refused (NODE_RETIRED) and its countries may be given to another node; its keys and
   * history stay, so a late message from it is answered precisely rather than as an unknown key.
   */
  async retireNode(nodeId: string, now = new Date()): Promise<NodeModel> {
    checkedNodeId(nodeId, 'nodeId');
    await this.dataSource.transaction(async (manager) => {
      const node = await activeNode(manager, nodeId);
      await manager.update(NodeEntity, { nodeId: node.nodeId }, { retiredAt: now });
    });
    return this.get(nodeId);
  }

  async get(nodeId: string): Promise<NodeModel> {
    checkedNodeId(nodeId, 'nodeId');
    const [node] = await this.list([nodeId]);
    if (!node) throw new NodesException(NodesErrorCode.NODE_NOT_FOUND, `Node ${nodeId} is not registered.`, ['nodeId']);
    return node;
  }

  /** Every node (or the named ones) with its keys and its latest accepted return. */
  async list(nodeIds?: readonly string[]): Promise<NodeModel[]> {
    const nodes = await this.dataSource.getRepository(NodeEntity).find({ order: { nodeId: 'ASC' } });
    const wanted = nodeIds ? nodes.filter((node) => nodeIds.includes(node.nodeId)) : nodes;
    if (wanted.length === 0) return [];
    const ids = wanted.map((node) => node.nodeId);
    const keys = await this.dataSource
      .getRepository(NodeKeyEntity)
      .createQueryBuilder('key')
      .where('key.nodeId IN (:...ids)', { ids })
      .orderBy('key.registeredAt', 'ASC')
      .addOrderBy('key.kid', 'ASC')
      .getMany();
    const lastSubmissions = await this.lastSubmissions(ids);
    return wanted.map((node) => ({
      nodeId: node.nodeId,
      countries: node.countries,
      registeredAt: node.registeredAt,
      retiredAt: node.retiredAt,
      keys: keys.filter((key) => key.nodeId === node.nodeId).map(toKeyModel),
      lastSubmission: lastSubmissions.get(node.nodeId) ?? null,
    }));
  }

  /** The node behind an active key, for verifying a signed message; undefined for unknown and retired keys. */
  async signerOf(kid: string): Promise<RegisteredSigner | undefined> {
    if (!kidPattern.test(kid)) return undefined;
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

  /** Countries the hub expects returns from: those of the nodes still active. */
  async expectedCountries(manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const rows: { country: string; node_id: string }[] = await manager.query(
      'SELECT unnest(countries) AS country, node_id FROM hub_node WHERE retired_at IS NULL ORDER BY 1',
    );
    return new Map(rows.map((row) => [row.country, row.node_id]));
  }

  private async lastSubmissions(nodeIds: readonly string[]): Promise<Map<string, NodeLastSubmissionModel>> {
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

function toKeyModel(key: NodeKeyEntity): NodeKeyModel {
  return {
    kid: key.kid,
    publicJwk: JSON.stringify(key.publicJwk),
    registeredAt: key.registeredAt,
    retiredAt: key.retiredAt,
    active: key.retiredAt === null,
  };
}

/** Checked before any lookup, so a malformed id is refused precisely and never echoed in a later message. */
function checkedNodeId(nodeId: string, field: string): string {
  if (!nodeIdPattern.test(nodeId)) {
    throw new NodesException(
      NodesErrorCode.INVALID_NODE_ID,
      'A node id is 2 to 63 lower-case letters, digits or hyphens, starting with a letter or digit.',
      [field],
    );
  }
  return nodeId;
}

function checkedCountries(countries: readonly string[]): string[] {
  if (countries.length === 0) {
    throw new NodesException(NodesErrorCode.INVALID_COUNTRY, 'A node reports for at least one country.', ['input.countries']);
  }
  countries.forEach((country, index) => {
    if (!isCountryCode(country)) {
      throw new NodesException(
        NodesErrorCode.INVALID_COUNTRY,
        `"${country.slice(0, 8)}" is not a country code of the standard (Eurostat alpha-2, EL for Greece, UK).`,
        [`input.countries.${index}`],
      );
    }
  });
  if (new Set(countries).size !== countries.length) {
    throw new NodesException(NodesErrorCode.INVALID_COUNTRY, 'A country is listed twice.', ['input.countries']);
  }
  return [...countries].sort();
}

async function checkedPublicJwk(text: string, field: string): Promise<PublicSigningJwk> {
  try {
    return await publicSigningJwkFrom(parseStrictJsonObject(text, 'public JWK'));
  } catch (error) {
    if (error instanceof CryptoException) {
      throw new NodesException(NodesErrorCode.INVALID_PUBLIC_KEY, error.message, [field]);
    }
    throw error;
  }
}

async function activeNode(manager: EntityManager, nodeId: string): Promise<NodeEntity> {
  const node = await manager.findOne(NodeEntity, { where: { nodeId }, lock: { mode: 'pessimistic_write' } });
  if (!node) throw new NodesException(NodesErrorCode.NODE_NOT_FOUND, `Node ${nodeId} is not registered.`, ['nodeId']);
  if (node.retiredAt) throw new NodesException(NodesErrorCode.NODE_RETIRED, `Node ${nodeId} is retired.`, ['nodeId']);
  return node;
}

async function assertCountriesFree(manager: EntityManager, countries: readonly string[]): Promise<void> {
  const rows: { country: string; node_id: string }[] = await manager.query(
    `SELECT c AS country, node_id FROM hub_node, unnest(countries) AS c
      WHERE retired_at IS NULL AND c = ANY($1) ORDER BY c`,
    [countries],
  );
  if (rows.length > 0) {
    const taken = rows.map((row) => `${row.country} (${row.node_id})`).join(', ');
    throw new NodesException(NodesErrorCode.COUNTRY_TAKEN, `Already reported for by an active node: ${taken}.`, ['input.countries']);
  }
}

async function assertKeyUnknown(manager: EntityManager, kid: string): Promise<void> {
  if (await manager.findOneBy(NodeKeyEntity, { kid })) {
    throw new NodesException(NodesErrorCode.KEY_EXISTS, 'This key is already registered (a key is never reused).', ['input.publicJwk']);
  }
}
