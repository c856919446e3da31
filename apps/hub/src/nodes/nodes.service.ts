import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CryptoException, parseStrictJsonObject, publicSigningJwkFrom, type PublicSigningJwk } from '#app/crypto';
import { isCountryCode } from '#app/standard';
import type { RegisterNodeInput } from './dto/register-node.input.js';
import type { RotateNodeKeyInput } from './dto/rotate-node-key.input.js';
import type { NodeKeyEntity } from './node-key.entity.js';
import type { NodeEntity } from './node.entity.js';
import type { NodeKeyModel, NodeModel } from './node.model.js';
import { NodesErrorCode, NodesException } from './nodes.exception.js';
import { NodesRepository, type RegisteredSigner } from './nodes.repository.js';

const nodeIdPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** A kid is the RFC 7638 SHA-256 thumbprint of the key: 43 base64url characters. Anything else is no key of ours. */
const kidPattern = /^[A-Za-z0-9_-]{43}$/;

export type { RegisteredSigner } from './nodes.repository.js';

/** The node registry: nodes, the countries they report for, and their keys. */
@Injectable()
export class NodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: NodesRepository,
  ) {}

  async register(input: RegisterNodeInput, now = new Date()): Promise<NodeModel> {
    const nodeId = checkedNodeId(input.nodeId, 'input.nodeId');
    const countries = checkedCountries(input.countries);
    const publicJwk = await checkedPublicJwk(input.publicJwk, 'input.publicJwk');
    await this.dataSource.transaction(async (manager) => {
      await this.repository.lockRegistry(manager);
      if (await this.repository.findNode(manager, nodeId)) {
        throw new NodesException(NodesErrorCode.NODE_EXISTS, `Node ${nodeId} is already registered.`, ['input.nodeId']);
      }
      await this.assertCountriesFree(manager, countries);
      await this.assertKeyUnknown(manager, publicJwk.kid);
      await this.repository.insertNode(manager, { nodeId, countries, registeredAt: now, retiredAt: null });
      await this.repository.insertKey(manager, { kid: publicJwk.kid, nodeId, publicJwk, registeredAt: now, retiredAt: null });
    });
    return this.get(nodeId);
  }

  async rotateKey(input: RotateNodeKeyInput, now = new Date()): Promise<NodeModel> {
    checkedNodeId(input.nodeId, 'input.nodeId');
    const publicJwk = await checkedPublicJwk(input.publicJwk, 'input.publicJwk');
    await this.dataSource.transaction(async (manager) => {
      const node = await this.activeNode(manager, input.nodeId);
      await this.assertKeyUnknown(manager, publicJwk.kid);
      if (input.retirePrevious) await this.repository.retireKeysOf(manager, node.nodeId, now);
      await this.repository.insertKey(manager, { kid: publicJwk.kid, nodeId: node.nodeId, publicJwk, registeredAt: now, retiredAt: null });
    });
    return this.get(input.nodeId);
  }

  async retireKey(kid: string, now = new Date()): Promise<NodeModel> {
    if (!kidPattern.test(kid)) throw new NodesException(NodesErrorCode.KEY_NOT_FOUND, 'No key with this kid is registered.', ['kid']);
    const key = await this.dataSource.transaction(async (manager) => {
      const found = await this.repository.findKey(manager, kid);
      if (!found) throw new NodesException(NodesErrorCode.KEY_NOT_FOUND, 'No key with this kid is registered.', ['kid']);
      if (found.retiredAt) throw new NodesException(NodesErrorCode.KEY_RETIRED, 'This key is already retired.', ['kid']);
      await this.repository.retireKey(manager, kid, now);
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
      const node = await this.activeNode(manager, nodeId);
      await this.repository.retireNode(manager, node.nodeId, now);
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
    const nodes = await this.repository.nodes();
    const wanted = nodeIds ? nodes.filter((node) => nodeIds.includes(node.nodeId)) : nodes;
    if (wanted.length === 0) return [];
    const ids = wanted.map((node) => node.nodeId);
    const keys = await this.repository.keysOf(ids);
    const lastSubmissions = await this.repository.lastSubmissions(ids);
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
    return this.repository.signerOf(kid);
  }

  /** Countries the hub expects returns from: those of the nodes still active. */
  async expectedCountries(manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    return this.repository.activeCountries(manager);
  }

  private async activeNode(manager: EntityManager, nodeId: string): Promise<NodeEntity> {
    const node = await this.repository.lockNode(manager, nodeId);
    if (!node) throw new NodesException(NodesErrorCode.NODE_NOT_FOUND, `Node ${nodeId} is not registered.`, ['nodeId']);
    if (node.retiredAt) throw new NodesException(NodesErrorCode.NODE_RETIRED, `Node ${nodeId} is retired.`, ['nodeId']);
    return node;
  }

  private async assertCountriesFree(manager: EntityManager, countries: readonly string[]): Promise<void> {
    const taken = await this.repository.takenCountries(manager, countries);
    if (taken.length > 0) {
      const list = taken.map((row) => `${row.country} (${row.nodeId})`).join(', ');
      throw new NodesException(NodesErrorCode.COUNTRY_TAKEN, `Already reported for by an active node: ${list}.`, ['input.countries']);
    }
  }

  private async assertKeyUnknown(manager: EntityManager, kid: string): Promise<void> {
    if (await this.repository.findKey(manager, kid)) {
      throw new NodesException(NodesErrorCode.KEY_EXISTS, 'This key is already registered (a key is never reused).', ['input.publicJwk']);
    }
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
