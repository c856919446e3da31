import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import {
  DEV_ISSUER,
  DEV_ISSUER_PRIVATE_KEY_FILE,
  DevIssuer,
  formatAccessMatrix,
  listAccessMatrix,
  OBSERVATORY_AUDIENCE,
  Role,
  type AccessMatrixEntry,
} from '#app/auth';
import { startHub, type GraphQLAnswer, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

/** Who may do what, as designed (apps/hub/src/figures/figure-roles.ts); `anyone` includes callers without a token. */
const READERS = [Role.RESEARCHER, Role.INTERNATIONAL_BODY, Role.HUB_ADMIN, Role.RAPPORTEUR, Role.STEWARD];
const CALLERS = ['RESEARCHER', 'INTERNATIONAL_BODY', 'HUB_ADMIN', 'RAPPORTEUR(AT)', 'STEWARD(AT)', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'COUNTRY_OUT_OF_SCOPE';

/** An operation as a client calls it, over HTTP: a GraphQL document or a GET. */
type Operation = { readonly name: string } & (
  { readonly graphql: string; readonly variables?: Record<string, unknown> } | { readonly get: string }
);

const OPERATIONS: readonly Operation[] = [
  { name: 'datasets', graphql: '{ datasets { id } }' },
  { name: 'codeList', graphql: '{ codeList(id: "sex") { id } }' },
  { name: 'countries', graphql: '{ countries { code metadata { validFrom } footnotes } }' },
  { name: 'countryGroups', graphql: '{ countryGroups { id } }' },
  { name: 'releases', graphql: '{ releases { number } }' },
  { name: 'figures', graphql: '{ figures(dataset: "victims_sex_age", filter: { geo: ["AT"], time: ["2026"] }) { release } }' },
  { name: 'comparativeReport', graphql: '{ comparativeReport(dataset: "victims_citizenship") { rows { geo definitions { country } } } }' },
  { name: 'previewFigures(AT)', graphql: '{ previewFigures(dataset: "victims_citizenship", country: "AT") { preview } }' },
  { name: 'previewFigures(DE)', graphql: '{ previewFigures(dataset: "victims_citizenship", country: "DE") { preview } }' },
  { name: 'accessLog', graphql: '{ accessLog { operation } }' },
  // Administrative mutations are called with input the hub refuses for what it is, so an allowed call changes nothing.
  {
    name: 'setCountryMetadata',
    graphql:
      'mutation { setCountryMetadata(input: { country: "AT", validFrom: "2026", legalDefinition: "LOCAL", identificationThreshold: "REFERRAL", presumedVictimsIncluded: true, breakdownsNotCollected: [] }) { country } }',
  },
  { name: 'retireNode', graphql: 'mutation { retireNode(nodeId: "no-such-node") { nodeId } }' },
  { name: 'GET /exports', get: '/exports/victims_sex_age?format=csv&geo=AT' },
  { name: 'GET /reports', get: '/reports/victims_sex_age' },
];

const anyoneSignedIn: Record<Caller, Outcome> = {
  RESEARCHER: 'allowed',
  INTERNATIONAL_BODY: 'allowed',
  HUB_ADMIN: 'allowed',
  'RAPPORTEUR(AT)': 'allowed',
  'STEWARD(AT)': 'allowed',
  anonymous: 'UNAUTHENTICATED',
};
const adminOnly: Record<Caller, Outcome> = {
  RESEARCHER: 'FORBIDDEN',
  INTERNATIONAL_BODY: 'FORBIDDEN',
  HUB_ADMIN: 'allowed',
  'RAPPORTEUR(AT)': 'FORBIDDEN',
  'STEWARD(AT)': 'FORBIDDEN',
  anonymous: 'UNAUTHENTICATED',
};
const everyone: Record<Caller, Outcome> = { ...anyoneSignedIn, anonymous: 'allowed' };

const EXPECTED: Readonly<Record<string, Record<Caller, Outcome>>> = {
  datasets: anyoneSignedIn,
  codeList: anyoneSignedIn,
  countries: anyoneSignedIn,
  countryGroups: anyoneSignedIn,
  releases: anyoneSignedIn,
  figures: anyoneSignedIn,
  comparativeReport: anyoneSignedIn,
  'previewFigures(AT)': { ...adminOnly, 'RAPPORTEUR(AT)': 'allowed' },
  'previewFigures(DE)': { ...adminOnly, 'RAPPORTEUR(AT)': 'COUNTRY_OUT_OF_SCOPE' },
  accessLog: adminOnly,
  setCountryMetadata: adminOnly,
  retireNode: adminOnly,
  'GET /exports': everyone,
  'GET /reports': everyone,
};

const RATE_LIMIT = 60;

describe('role matrix: every role against every figures operation, over HTTP', () => {
  let hub: HubUnderTest;
  let issuer: DevIssuer;
  const tokens = new Map<Caller, string | undefined>();

  /** A token signed with the development issuer's own private key, with claims a test chooses. */
  const signWithDevKey = async (claims: { aud?: string; iss?: string; exp: number; nbf?: number }): Promise<string> => {
    const jwk = JSON.parse(await readFile(join(issuer.dir, DEV_ISSUER_PRIVATE_KEY_FILE), 'utf8')) as JWK;
    const key = await importJWK(jwk, 'EdDSA');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: [Role.RESEARCHER], countries: [] })
      .setProtectedHeader({ alg: 'EdDSA', kid: issuer.keyId, typ: 'JWT' })
      .setIssuer(claims.iss ?? DEV_ISSUER)
      .setAudience(claims.aud ?? OBSERVATORY_AUDIENCE)
      .setSubject('crafted')
      .setIssuedAt(Math.min(now, claims.exp - 60))
      .setNotBefore(claims.nbf ?? Math.min(now, claims.exp - 60))
      .setExpirationTime(claims.exp)
      .sign(key);
  };

  const call = async (operation: Operation, token: string | undefined): Promise<{ status: number; code: unknown }> => {
    if ('get' in operation) {
      const response = await fetch(`${hub.url}${operation.get}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const text = await response.text();
      const code = response.ok ? undefined : (JSON.parse(text) as { error: { code: string } }).error.code;
      return { status: response.status, code };
    }
    const answer: GraphQLAnswer = await hub.graphql(operation.graphql, operation.variables ?? {}, token);
    return { status: answer.status, code: answer.errors?.[0]?.extensions?.['code'] };
  };
  const outcomeOf = (result: { code: unknown }): Outcome =>
    result.code === 'FORBIDDEN' || result.code === 'UNAUTHENTICATED' || result.code === 'COUNTRY_OUT_OF_SCOPE' ? result.code : 'allowed';

  beforeAll(async () => {
    hub = await startHub('role-matrix', { AUTH_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
    issuer = await DevIssuer.loadOrCreate(join(hub.scratch.dataDir, 'dev-issuer'));
    const austria = await SimulatedNode.create('node-at', ['AT']);
    expect((await hub.graphql(REGISTER_NODE, registrationOf(austria), hub.adminToken)).errors).toBeUndefined();
    const records = syntheticRecords(austria, 'AT', '2026-Q1', syntheticPersons(austria, 'AT', 0, 30), 31);
    expect(
      (await hub.graphql(SUBMIT_RETURN, { jws: await austria.signReturn(austria.buildReturn('AT', '2026-Q1', records)) })).errors,
    ).toBeUndefined();
    expect((await hub.graphql('mutation { publishRelease { number } }', {}, hub.adminToken)).errors).toBeUndefined();
    tokens.set('RESEARCHER', await hub.token([Role.RESEARCHER]));
    tokens.set('INTERNATIONAL_BODY', await hub.token([Role.INTERNATIONAL_BODY]));
    tokens.set('HUB_ADMIN', hub.adminToken);
    tokens.set('RAPPORTEUR(AT)', await hub.token([Role.RAPPORTEUR], ['AT']));
    tokens.set('STEWARD(AT)', await hub.token([Role.STEWARD], ['AT']));
    tokens.set('anonymous', undefined);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('lists the role matrix from the decorators: every operation has a rule, figures for readers, administration for HUB_ADMIN', () => {
    const matrix = listAccessMatrix(hub.app);
    console.log(`Role matrix of the hub (from @Roles/@Public):\n${formatAccessMatrix(matrix)}`);
    expect(matrix.filter((entry) => entry.access.kind === 'NONE').map((entry) => entry.operation)).toEqual([]);
    const rule = (operation: string) => {
      const entry = matrix.find((candidate) => candidate.operation === operation);
      if (entry === undefined) throw new Error(`${operation} is not in the matrix`);
      return entry.access.kind === 'ROLES' ? [...entry.access.roles].sort() : entry.access.kind;
    };
    for (const operation of [
      'Query.datasets',
      'Query.codeList',
      'Query.countries',
      'Query.countryGroups',
      'Query.figures',
      'Query.comparativeReport',
      'Country.metadata',
      'Country.footnotes',
      'ComparativeRow.definitions',
    ]) {
      expect({ operation, roles: rule(operation) }).toEqual({ operation, roles: [...READERS].sort() });
    }
    expect(rule('Query.previewFigures')).toEqual([Role.HUB_ADMIN, Role.RAPPORTEUR]);
    expect(rule('Query.accessLog')).toEqual([Role.HUB_ADMIN]);
    expect(rule('GET /exports/:dataset')).toBe('PUBLIC');
    expect(rule('GET /reports/:dataset')).toBe('PUBLIC');
    // Every mutation is administration, except the two a node authenticates by its JWS signature.
    const mutations = matrix.filter((entry: AccessMatrixEntry) => entry.kind === 'MUTATION');
    const publicMutations = mutations
      .filter((entry) => entry.access.kind === 'PUBLIC')
      .map((entry) => entry.operation)
      .sort();
    expect(publicMutations).toEqual(['Mutation.submitReturn', 'Mutation.submitRevocation']);
    for (const entry of mutations.filter((candidate) => candidate.access.kind === 'ROLES')) {
      expect({ operation: entry.operation, roles: rule(entry.operation) }).toEqual({ operation: entry.operation, roles: [Role.HUB_ADMIN] });
    }
  });

  it('allows and refuses each role on each operation as designed, including a rapporteur asking for another country', async () => {
    const observed: Record<string, Record<Caller, Outcome>> = {};
    for (const operation of OPERATIONS) {
      observed[operation.name] = {} as Record<Caller, Outcome>;
      for (const caller of CALLERS) {
        const result = await call(operation, tokens.get(caller));
        observed[operation.name]![caller] = outcomeOf(result);
        if (outcomeOf(result) === 'allowed' && 'graphql' in operation)
          expect({ operation: operation.name, caller, status: result.status }).toEqual({ operation: operation.name, caller, status: 200 });
        if (outcomeOf(result) !== 'allowed' && 'get' in operation) expect([401, 403]).toContain(result.status);
      }
    }
    const width = Math.max(...OPERATIONS.map((operation) => operation.name.length));
    console.log(
      [
        `${'operation'.padEnd(width)}  ${CALLERS.join('  ')}`,
        ...OPERATIONS.map(
          (operation) =>
            `${operation.name.padEnd(width)}  ${CALLERS.map((caller) => observed[operation.name]![caller].padEnd(caller.length)).join('  ')}`,
        ),
      ].join('\n'),
    );
    expect(observed).toEqual(EXPECTED);
  });

  it('refuses tokens that are expired, unsigned, signed by an unknown key, forged, or for another audience or issuer', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stranger = await generateKeyPair('EdDSA');
    const signWith = (key: CryptoKey, kid: string) =>
      new SignJWT({ roles: [Role.RESEARCHER] })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(OBSERVATORY_AUDIENCE)
        .setSubject('stranger')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key);
    const bad: [string, string, string][] = [
      ['expired', await signWithDevKey({ exp: now - 3600 }), 'TOKEN_EXPIRED'],
      ['not yet valid', await signWithDevKey({ exp: now + 7200, nbf: now + 3600 }), 'TOKEN_NOT_YET_VALID'],
      [
        'unsigned (alg none)',
        new UnsecuredJWT({ roles: [Role.RESEARCHER] })
          .setIssuer(DEV_ISSUER)
          .setAudience(OBSERVATORY_AUDIENCE)
          .setSubject('none')
          .setExpirationTime(now + 600)
          .encode(),
        'INVALID_TOKEN',
      ],
      ['signed by an unknown key', await signWith(stranger.privateKey, 'unknown-key'), 'UNKNOWN_SIGNING_KEY'],
      ['forged with the trusted key id', await signWith(stranger.privateKey, issuer.keyId), 'INVALID_TOKEN'],
      ['for another audience', await signWithDevKey({ exp: now + 600, aud: 'another-service' }), 'WRONG_AUDIENCE'],
      ['from another issuer', await signWithDevKey({ exp: now + 600, iss: 'https://issuer.example' }), 'WRONG_ISSUER'],
    ];
    const figures = OPERATIONS.find((operation) => operation.name === 'figures')!;
    const exports = OPERATIONS.find((operation) => operation.name === 'GET /exports')!;
    for (const [what, token, code] of bad) {
      const graphql = await call(figures, token);
      const http = await call(exports, token);
      expect({ what, graphql: graphql.code, http: [http.status, http.code] }).toEqual({ what, graphql: code, http: [401, code] });
    }
    // The same key and claims, properly signed, are accepted: the refusals above are about the token, not the setup.
    expect((await call(figures, await signWithDevKey({ exp: now + 600 }))).code).toBeUndefined();
  });

  it('rate-limits anonymous callers by address on public routes too, with 429 and Retry-After, and names no server', async () => {
    // The budget of this address is shared by every anonymous request of the suite so far: empty what is left.
    let response = await fetch(`${hub.url}/reports/victims_sex_age`);
    expect(response.headers.get('x-powered-by')).toBeNull();
    for (let sent = 1; sent < RATE_LIMIT * 3 && response.status !== 429; sent += 1) {
      await response.arrayBuffer();
      response = await fetch(`${hub.url}/exports/victims_sex_age?format=csv`);
    }
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const anonymousQuery = await hub.graphql('{ health { ready } }');
    expect(anonymousQuery.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    // A signed-in caller has a budget of their own.
    const signedIn = await issuer.issue({ roles: [Role.RESEARCHER], subject: 'after-the-anonymous-burst' });
    expect((await hub.graphql('{ countryGroups { id } }', {}, signedIn)).errors).toBeUndefined();
  });

  it('rate-limits per token: one subject over its budget is refused while another goes on', async () => {
    const greedy = await issuer.issue({ roles: [Role.RESEARCHER], subject: 'greedy-client' });
    // The bucket refills at RATE_LIMIT per minute while the loop runs, so it may take a few more requests to empty it.
    const codes: unknown[] = [];
    while (codes.length < RATE_LIMIT * 2 && codes.at(-1) !== 'RATE_LIMITED') {
      codes.push((await hub.graphql('{ countryGroups { id } }', {}, greedy)).errors?.[0]?.extensions?.['code']);
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.length).toBeGreaterThan(RATE_LIMIT);
    expect(codes.slice(0, RATE_LIMIT).every((code) => code === undefined)).toBe(true);
    const exportResponse = await fetch(`${hub.url}/exports/victims_sex_age?format=csv`, { headers: { authorization: `Bearer ${greedy}` } });
    expect(exportResponse.status).toBe(429);
    expect(Number(exportResponse.headers.get('retry-after'))).toBeGreaterThan(0);
    await exportResponse.text();
    expect(
      (await hub.graphql('{ countryGroups { id } }', {}, await issuer.issue({ roles: [Role.RESEARCHER], subject: 'patient-client' })))
        .errors,
    ).toBeUndefined();
  });
});
