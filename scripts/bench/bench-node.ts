import { createHash, randomUUID } from 'node:crypto';
import {
  deriveNodeKeys,
  JwsTypes,
  masterSecretFromBase64Url,
  pseudonymsOf,
  signingKeyToJwk,
  signJws,
  type JwsSigningKey,
  type NodeKeys,
  type PublicSigningJwk,
} from '#app/crypto';
import { STANDARD_VERSION, type CountryCode, type PseudonymisedRecord, type QuarterlyReturn } from '#app/standard';
import { benchPersons, benchRecord, type PersonPlanOptions } from './bench-records.js';

/**
 * A national node as the benchmarks need it: keys derived from a seeded master secret (the same pseudonyms in every
 * run), records pseudonymised with the node's real pseudonym key and returns signed with its real signing key, as the
 * node app does. It holds no identity: person ids are synthetic.
 */
export class BenchNode {
  private constructor(
    readonly nodeId: string,
    readonly countries: readonly CountryCode[],
    private readonly keys: NodeKeys,
    private readonly signing: JwsSigningKey,
    readonly publicJwk: PublicSigningJwk,
  ) {}

  static async create(nodeId: string, countries: readonly CountryCode[], seed: number): Promise<BenchNode> {
    const secret = createHash('sha256').update(`thb-bench-node:${nodeId}:${seed}`).digest('base64url');
    const keys = deriveNodeKeys(masterSecretFromBase64Url(secret));
    const jwks = await signingKeyToJwk(keys.signing);
    return new BenchNode(nodeId, countries, keys, { privateJwk: jwks.private, kid: jwks.public.kid }, jwks.public);
  }

  /** Variables of the hub's `registerNode` mutation for this node. */
  get registration(): { input: { nodeId: string; countries: string[]; publicJwk: string } } {
    return { input: { nodeId: this.nodeId, countries: [...this.countries], publicJwk: JSON.stringify(this.publicJwk) } };
  }

  /** Records `from` .. `from + count - 1` of a seeded plan, pseudonymised with this node's key. */
  records(plan: PersonPlanOptions, from: number, count: number): PseudonymisedRecord[] {
    const persons = benchPersons(plan, from, count);
    const pseudonyms = pseudonymsOf(
      persons.map((person) => person.personId),
      this.keys.pseudonymKey,
    );
    return persons.map((person, offset) => benchRecord(person, pseudonyms[offset]!, plan.seed, from + offset));
  }

  returnOf(country: CountryCode, period: string, records: readonly PseudonymisedRecord[], revision = 1): QuarterlyReturn {
    return {
      standardVersion: STANDARD_VERSION,
      returnId: randomUUID(),
      nodeId: this.nodeId,
      country,
      period,
      revision,
      generatedAt: new Date().toISOString(),
      records,
      withheld: { noConsent: Math.round(records.length * 0.08), invalid: 0 },
    };
  }

  signReturn(payload: QuarterlyReturn): Promise<string> {
    return signJws(payload, this.signing, { typ: JwsTypes.return });
  }
}

export const REGISTER_NODE = `mutation Register($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }`;
export const SUBMIT_RETURN = `mutation Submit($jws: String!) { submitReturn(jws: $jws) { returnId status } }`;
