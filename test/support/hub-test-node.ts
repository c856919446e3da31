import { randomBytes, randomUUID } from 'node:crypto';
import {
  deriveNodeKeys,
  JwsTypes,
  masterSecretFromBase64Url,
  pseudonymOf,
  signingKeyToJwk,
  signJws,
  type JwsSigningKey,
  type NodeKeys,
  type PublicSigningJwk,
} from '#app/crypto';
import {
  AGE_GROUP_CODES,
  COMPENSATION_CODES,
  EXPLOITATION_CODES,
  REGISTERING_ORGANISATION_CODES,
  RESIDENCE_PERMIT_CODES,
  RETURN_CODES,
  SEX_CODES,
  STANDARD_VERSION,
  validateReturn,
  type Citizenship,
  type CountryCode,
  type Exploitation,
  type LegalStatus,
  type PseudonymisedRecord,
  type QuarterlyReturn,
  type RevocationNotice,
} from '#app/standard';

/**
 * A national node as the hub sees it, built from libs/crypto and libs/standard the way the node app does: a master
 * secret, derived pseudonym and signing keys, returns and notices signed as JWS. No identity ever enters it: person
 * ids are synthetic (`<country>-<n>`).
 */
export class SimulatedNode {
  private constructor(
    readonly nodeId: string,
    readonly countries: readonly CountryCode[],
    private readonly keys: NodeKeys,
    private readonly signing: JwsSigningKey,
    readonly publicJwk: PublicSigningJwk,
  ) {}

  static async create(nodeId: string, countries: readonly CountryCode[]): Promise<SimulatedNode> {
    const keys = deriveNodeKeys(masterSecretFromBase64Url(randomBytes(32).toString('base64url')));
    const jwks = await signingKeyToJwk(keys.signing);
    return new SimulatedNode(nodeId, countries, keys, { privateJwk: jwks.private, kid: jwks.public.kid }, jwks.public);
  }

  get kid(): string {
    return this.publicJwk.kid;
  }

  pseudonym(personId: string): string {
    return pseudonymOf(personId, this.keys.pseudonymKey);
  }

  /** A return envelope around records, checked against the standard so tests never send an accidentally bad one. */
  buildReturn(
    country: CountryCode,
    period: string,
    records: readonly PseudonymisedRecord[],
    options: { revision?: number; notes?: string; returnId?: string } = {},
  ): QuarterlyReturn {
    const candidate: QuarterlyReturn = {
      standardVersion: STANDARD_VERSION,
      returnId: options.returnId ?? randomUUID(),
      nodeId: this.nodeId,
      country,
      period,
      revision: options.revision ?? 1,
      generatedAt: new Date().toISOString(),
      records,
      withheld: { noConsent: 2, invalid: 1 },
      ...(options.notes === undefined ? {} : { notes: options.notes }),
    };
    const checked = validateReturn(candidate);
    if (!checked.ok) throw new Error(`test return is invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    return candidate;
  }

  signReturn(payload: object): Promise<string> {
    return signJws(payload, this.signing, { typ: JwsTypes.return });
  }

  signRevocation(payload: object): Promise<string> {
    return signJws(payload, this.signing, { typ: JwsTypes.revocation });
  }

  revocation(country: CountryCode, pseudonyms: readonly string[]): RevocationNotice {
    return {
      standardVersion: STANDARD_VERSION,
      noticeId: randomUUID(),
      nodeId: this.nodeId,
      country,
      pseudonyms,
      issuedAt: new Date().toISOString(),
    };
  }

  /** Signs with a key that merely claims this node's kid: what a forger without the node's secret can do. */
  async forge(payload: object, typ: 'thb-return+jws' | 'thb-revocation+jws'): Promise<string> {
    const other = await signingKeyToJwk(deriveNodeKeys(masterSecretFromBase64Url(randomBytes(32).toString('base64url'))).signing);
    return signJws(payload, { privateJwk: { ...other.private, kid: this.kid }, kid: this.kid }, { typ });
  }
}

/** Deterministic pseudo-random numbers (mulberry32), so synthetic data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const citizenships: readonly Citizenship[] = ['AT', 'DE', 'RO', 'BG', 'NG', 'UA', 'CN', 'STLS', 'UNK'];
const victimStatuses: readonly LegalStatus[] = ['PRESUMED_VICTIM', 'IDENTIFIED_VICTIM'];
const offenderStatuses: readonly LegalStatus[] = ['SUSPECT', 'PROSECUTED', 'CONVICTED'];

export interface SyntheticPerson {
  readonly personId: string;
  readonly pseudonym: string;
}

/**
 * Synthetic records of one country and period covering every code list of the catalogue: victims (some with a
 * protection block) and offenders, one or two forms of exploitation, coarse and unknown age groups. `persons` fixes
 * who they are (so the same persons can recur across quarters).
 */
export function syntheticRecords(
  node: SimulatedNode,
  country: CountryCode,
  period: string,
  persons: readonly SyntheticPerson[],
  seed: number,
): PseudonymisedRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  return persons.map(({ pseudonym }) => {
    const victim = random() < 0.8;
    const first = pick(EXPLOITATION_CODES);
    const second = pick(EXPLOITATION_CODES);
    const exploitation = (random() < 0.25 && second !== first ? [first, second] : [first]) as [Exploitation, ...Exploitation[]];
    const common = {
      pseudonym,
      country,
      period,
      sex: pick(SEX_CODES),
      ageGroup: pick(AGE_GROUP_CODES),
      citizenship: pick(citizenships),
      exploitation,
      ...(exploitation.includes('LABOUR') && random() < 0.5 ? { labourSector: 'C' as const } : {}),
      crossBorder: pick(['DOMESTIC', 'CROSS_BORDER', 'UNK'] as const),
      consent: { statistics: true, international: true },
    };
    if (!victim) return { ...common, legalStatus: pick(offenderStatuses) } as PseudonymisedRecord;
    return {
      ...common,
      legalStatus: pick(victimStatuses),
      registeringOrganisation: pick(REGISTERING_ORGANISATION_CODES),
      ...(random() < 0.5
        ? {
            protection: {
              reflectionPeriod: 30 + Math.floor(random() * 60),
              residencePermit: pick(RESIDENCE_PERMIT_CODES),
              assistance: random() < 0.7,
              compensation: pick(COMPENSATION_CODES),
              returned: pick(RETURN_CODES),
            },
          }
        : {}),
    } as PseudonymisedRecord;
  });
}

/** Persons `<country>-<from>` .. `<country>-<from + count - 1>` of a node. */
export function syntheticPersons(node: SimulatedNode, country: CountryCode, from: number, count: number): SyntheticPerson[] {
  return Array.from({ length: count }, (_, index) => {
    const personId = `${country}-${from + index}`;
    return { personId, pseudonym: node.pseudonym(personId) };
  });
}

/** The hub's registerNode mutation for a simulated node. */
export const REGISTER_NODE = `mutation Register($input: RegisterNodeInput!) {
  registerNode(input: $input) { nodeId countries keys { kid active } }
}`;

export function registrationOf(node: SimulatedNode): { input: { nodeId: string; countries: string[]; publicJwk: string } } {
  return { input: { nodeId: node.nodeId, countries: [...node.countries], publicJwk: JSON.stringify(node.publicJwk) } };
}

export const SUBMIT_RETURN = `mutation Submit($jws: String!) { submitReturn(jws: $jws) { returnId status receipt } }`;
export const SUBMIT_REVOCATION = `mutation Revoke($jws: String!) { submitRevocation(jws: $jws) { noticeId status erased receipt } }`;
