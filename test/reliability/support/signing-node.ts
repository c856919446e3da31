import { createPrivateKey, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import {
  deriveNodeKeys,
  JwsTypes,
  masterSecretFromBase64Url,
  pseudonymOf,
  signingKeyToJwk,
  type NodeKeys,
  type PrivateSigningJwk,
  type PublicSigningJwk,
} from '#app/crypto';
import {
  STANDARD_VERSION,
  validateReturn,
  type AgeGroup,
  type Citizenship,
  type CountryCode,
  type Exploitation,
  type Sex,
  type PseudonymisedRecord,
  type QuarterlyReturn,
  type RevocationNotice,
} from '#app/standard';

export const RETURN_TYPE = JwsTypes.return;
export const REVOCATION_TYPE = JwsTypes.revocation;

/**
 * A node identity as the hub sees it, able to sign anything: well-formed returns, but also raw bytes under any header,
 * which is what the bad-input corpus and the load test need. Person ids are synthetic; no identity ever enters it.
 */
export class SigningNode {
  private keyObject: KeyObject | undefined;

  private constructor(
    readonly nodeId: string,
    readonly countries: readonly CountryCode[],
    private readonly keys: NodeKeys,
    private readonly privateJwk: PrivateSigningJwk,
    readonly publicJwk: PublicSigningJwk,
  ) {}

  static async create(nodeId: string, countries: readonly CountryCode[]): Promise<SigningNode> {
    const keys = deriveNodeKeys(masterSecretFromBase64Url(randomBytes(32).toString('base64url')));
    const jwks = await signingKeyToJwk(keys.signing);
    return new SigningNode(nodeId, countries, keys, jwks.private, jwks.public);
  }

  get kid(): string {
    return this.publicJwk.kid;
  }

  get country(): CountryCode {
    return this.countries[0] as CountryCode;
  }

  /** The registerNode input of this node. */
  registration(): { nodeId: string; countries: string[]; publicJwk: string } {
    return { nodeId: this.nodeId, countries: [...this.countries], publicJwk: JSON.stringify(this.publicJwk) };
  }

  pseudonym(personId: string): string {
    return pseudonymOf(personId, this.keys.pseudonymKey);
  }

  /** `count` valid records of persons `<country>-<from>`.. of one period, victims and offenders mixed. */
  records(country: CountryCode, period: string, count: number, from = 0): PseudonymisedRecord[] {
    return Array.from({ length: count }, (_, index) =>
      recordOf(this.pseudonym(`${country}-${from + index}`), country, period, from + index),
    );
  }

  /** A return that passes the standard (checked here, so that a case breaks only what it means to break). */
  buildReturn(
    period: string,
    options: { count?: number; from?: number; revision?: number; returnId?: string; country?: CountryCode } = {},
  ): QuarterlyReturn {
    const country = options.country ?? this.country;
    const candidate: QuarterlyReturn = {
      standardVersion: STANDARD_VERSION,
      returnId: options.returnId ?? randomUUID(),
      nodeId: this.nodeId,
      country,
      period,
      revision: options.revision ?? 1,
      generatedAt: new Date().toISOString(),
      records: this.records(country, period, options.count ?? 12, options.from ?? 0),
      withheld: { noConsent: 1, invalid: 0 },
    };
    const checked = validateReturn(candidate);
    if (!checked.ok) throw new Error(`test return is invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    return candidate;
  }

  revocation(pseudonyms: readonly string[], options: { noticeId?: string; country?: CountryCode } = {}): RevocationNotice {
    return {
      standardVersion: STANDARD_VERSION,
      noticeId: options.noticeId ?? randomUUID(),
      nodeId: this.nodeId,
      country: options.country ?? this.country,
      pseudonyms,
      issuedAt: new Date().toISOString(),
    };
  }

  /** The normal signature: EdDSA, this node's kid, the message type, iat now. */
  sign(payload: unknown, typ: string): string {
    return this.signText(JSON.stringify(payload), { alg: 'EdDSA', typ, kid: this.kid, iat: nowSeconds() });
  }

  /** Signs payload text (or bytes) under a header object, valid or not: nothing is checked, so the corpus can lie. */
  signText(payload: string | Uint8Array, header: Record<string, unknown>): string {
    return this.signSegments(base64url(JSON.stringify(header)), base64url(payload));
  }

  /** An Ed25519 signature by this node's key over `<header>.<payload>` exactly as encoded by the caller. */
  signSegments(encodedHeader: string, encodedPayload: string): string {
    const signature = sign(null, Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii'), this.privateKey());
    return `${encodedHeader}.${encodedPayload}.${signature.toString('base64url')}`;
  }

  private privateKey(): KeyObject {
    this.keyObject ??= createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: this.privateJwk.x, d: this.privateJwk.d }, format: 'jwk' });
    return this.keyObject;
  }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function base64url(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64url');
}

const sexes: readonly Sex[] = ['F', 'M', 'OTHER', 'UNK'];
const ageGroups: readonly AgeGroup[] = ['Y0-11', 'Y12-17', 'Y18-24', 'Y25-34', 'Y35-44', 'Y45-54', 'Y55-64', 'Y_GE65', 'UNK'];
const citizenships: readonly Citizenship[] = ['RO', 'NG', 'UA', 'DE', 'STLS', 'UNK'];
const forms: readonly Exploitation[] = ['SEXUAL', 'LABOUR', 'BEGGING', 'DOMESTIC_SERVITUDE', 'CRIMINAL_ACTIVITIES'];

const pick = <T>(values: readonly T[], index: number): T => values[index % values.length] as T;

/** A deterministic valid record: the index picks the codes, every fifth person is an offender. */
function recordOf(pseudonym: string, country: CountryCode, period: string, index: number): PseudonymisedRecord {
  const common = {
    pseudonym,
    country,
    period,
    sex: pick(sexes, index),
    ageGroup: pick(ageGroups, index),
    citizenship: pick(citizenships, index),
    exploitation: [pick(forms, index)] as const,
    crossBorder: index % 3 === 0 ? ('DOMESTIC' as const) : ('CROSS_BORDER' as const),
    consent: { statistics: true, international: true },
  };
  if (index % 5 === 4) return { ...common, legalStatus: 'SUSPECT' };
  return {
    ...common,
    legalStatus: index % 2 === 0 ? 'IDENTIFIED_VICTIM' : 'PRESUMED_VICTIM',
    registeringOrganisation: index % 3 === 0 ? 'NGO' : 'POLICE',
  };
}
