import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { base64url, nowSeconds } from '../support/signing-node.js';
import { graphqlRequest, INJECTIONS, type HubCase, type HubKit, type HubRequest } from './corpus-case.js';

/**
 * Bad requests to the hub's GraphQL API: transport, documents, cost limits, tokens, and every argument of the
 * administrator's and researcher's operations. Each is refused with its stable code and changes no table.
 * To add a case, append to the list: name, target, request, expected code.
 */

const RELEASES = '{ releases { number } }';
const REGISTER_NODE = 'mutation($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }';
const SET_METADATA = 'mutation($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { country } }';
const LOAD_POPULATION = 'mutation($input: LoadPopulationTableInput!) { loadPopulationTable(input: $input) { version } }';
const SUBMISSION_STATUS = 'query($period: Period!) { submissionStatus(period: $period) { period } }';

const admin = (query: string, variables?: Record<string, unknown>) => (kit: HubKit) => graphqlRequest(query, variables, kit.tokens.admin);
const researcher = (query: string, variables?: Record<string, unknown>) => (kit: HubKit) =>
  graphqlRequest(query, variables, kit.tokens.researcher);
const raw =
  (body: string | Uint8Array, headers: Record<string, string> = {}) =>
  (): HubRequest => ({ body, headers });
const withToken = (token: string, query = RELEASES): HubRequest => graphqlRequest(query, undefined, token);

/** A fresh node registration for FI, valid unless overridden. */
const registration = (overrides: Record<string, unknown> = {}) => ({
  input: {
    nodeId: 'node-fi',
    countries: ['FI'],
    publicJwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: base64url(Buffer.alloc(32, 7)) }),
    ...overrides,
  },
});

const metadata = (overrides: Record<string, unknown> = {}) => ({
  input: {
    country: 'AT',
    validFrom: '2025-Q1',
    legalDefinition: 'PALERMO',
    identificationThreshold: 'REFERRAL',
    presumedVictimsIncluded: true,
    breakdownsNotCollected: [],
    ...overrides,
  },
});

const populationInput = (overrides: Record<string, unknown> = {}) => ({
  input: {
    tableId: 'demo_pjan',
    title: 'Population on 1 January',
    source: 'Eurostat',
    extractionDate: '2026-03-01',
    tsv: 'indic_de,geo\\time\t2024 \t2025 \nJAN,AT\t9158750 \t9197213 \n',
    ...overrides,
  },
});

/** Claims the development issuer would put in a token, valid for `seconds`. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    iss: 'thb-observatory-dev',
    aud: 'thb-observatory',
    sub: 'corpus-admin',
    roles: ['HUB_ADMIN'],
    countries: [],
    iat: now,
    nbf: now,
    exp: now + 600,
    ...overrides,
  };
}

/** A compact JWT from a header, claims and a signing function over the signing input (empty for none). */
function handmadeJwt(header: Record<string, unknown>, payload: Record<string, unknown>, signer: (input: string) => Buffer): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(signer(input))}`;
}

const hmac = (secret: string | Buffer) => (input: string) => createHmac('sha256', secret).update(input).digest();
const noSignature = () => Buffer.alloc(0);
const attackerKey = generateKeyPairSync('ed25519').privateKey;
const attacker = (input: string) => sign(null, Buffer.from(input), attackerKey);
const attackerJwk = { ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) };

/** `count` fields nested `depth` deep through introspection, which has types of types of types. */
function introspectionOfDepth(depth: number): string {
  let selection = 'name';
  for (let level = 0; level < depth; level += 1) selection = `ofType { ${selection} }`;
  return `{ __schema { types { fields { type { ${selection} } } } } }`;
}

export const HUB_GRAPHQL_CASES: readonly HubCase[] = [
  // Transport: what arrives before GraphQL sees a document.
  { name: 'unterminated JSON body', target: 'hub-graphql', request: raw('{"query": "{ releases { number } }"'), expect: 'BAD_REQUEST' },
  {
    name: 'JSON body with trailing garbage',
    target: 'hub-graphql',
    request: raw('{"query":"{ releases { number } }"} trailing'),
    expect: 'BAD_REQUEST',
  },
  { name: 'JSON string instead of an object', target: 'hub-graphql', request: raw('"{ releases { number } }"'), expect: 'BAD_REQUEST' },
  { name: 'JSON number instead of an object', target: 'hub-graphql', request: raw('42'), expect: 'BAD_REQUEST' },
  { name: 'JSON null body', target: 'hub-graphql', request: raw('null'), expect: 'BAD_REQUEST' },
  { name: 'empty body', target: 'hub-graphql', request: raw(''), expect: 'BAD_REQUEST' },
  { name: 'empty JSON array', target: 'hub-graphql', request: raw('[]'), expect: 'BAD_REQUEST' },
  {
    name: 'batch of two operations',
    target: 'hub-graphql',
    request: raw(JSON.stringify([{ query: RELEASES }, { query: RELEASES }])),
    expect: 'BAD_REQUEST',
  },
  {
    name: 'batch flood of 2000 operations',
    target: 'hub-graphql',
    request: raw(JSON.stringify(Array.from({ length: 2000 }, () => ({ query: 'mutation { publishRelease { number } }' })))),
    expect: 'BAD_REQUEST',
  },
  { name: 'query is null', target: 'hub-graphql', request: raw('{"query":null}'), expect: 'BAD_REQUEST' },
  { name: 'query is a number', target: 'hub-graphql', request: raw('{"query":5}'), expect: 'BAD_REQUEST' },
  { name: 'query is an object', target: 'hub-graphql', request: raw('{"query":{"releases":true}}'), expect: 'BAD_REQUEST' },
  {
    name: 'variables is a string',
    target: 'hub-graphql',
    request: raw('{"query":"{ releases { number } }","variables":"{}"}'),
    expect: 'BAD_REQUEST',
  },
  {
    name: 'duplicate keys in the JSON body (query twice)',
    target: 'hub-graphql',
    request: (kit) => ({
      body: '{"query":"{ releases { number } }","query":"mutation { publishRelease(note: \\"smuggled\\") { number } }"}',
      headers: { authorization: `Bearer ${kit.tokens.admin}` },
    }),
    expect: 'DUPLICATE_KEY',
    field: 'publishRelease',
  },
  {
    name: 'duplicate keys in the variables',
    target: 'hub-graphql',
    request: (kit) => ({
      body: `{"query":${JSON.stringify(SUBMISSION_STATUS)},"variables":{"period":"2025-Q1","period":"' OR 1=1 --"}}`,
      headers: { authorization: `Bearer ${kit.tokens.admin}` },
    }),
    expect: 'DUPLICATE_KEY',
  },
  {
    name: 'invalid UTF-8 bytes in the document',
    target: 'hub-graphql',
    request: raw(
      Buffer.concat([Buffer.from('{"query":"{ releases { num'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('ber } }"}')]),
    ),
    expect: 'INVALID_UTF8',
  },
  {
    name: 'invalid UTF-8 bytes in a variable',
    target: 'hub-graphql',
    request: (kit) => ({
      body: Buffer.concat([
        Buffer.from(
          `{"query":${JSON.stringify(SET_METADATA)},"variables":{"input":${JSON.stringify(metadata().input).slice(0, -1)},"footnote":"abc`,
        ),
        Buffer.from([0xe2, 0x82]),
        Buffer.from('"}}}'),
      ]),
      headers: { authorization: `Bearer ${kit.tokens.admin}` },
    }),
    expect: 'INVALID_UTF8',
    field: 'setCountryMetadata',
  },
  {
    name: 'UTF-16 charset',
    target: 'hub-graphql',
    request: raw(Buffer.from(JSON.stringify({ query: RELEASES }), 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }),
    expect: 'UNSUPPORTED_CHARSET',
  },
  {
    name: 'KOI8-R charset',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: RELEASES }), { 'content-type': 'application/json; charset=koi8-r' }),
    expect: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'text/plain body without a preflight header (CSRF)',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: 'mutation { publishRelease { number } }' }), { 'content-type': 'text/plain' }),
    expect: 'BAD_REQUEST',
  },
  {
    name: 'form-encoded body',
    target: 'hub-graphql',
    request: raw('query=%7B+releases+%7B+number+%7D+%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    expect: 'BAD_REQUEST',
  },
  {
    name: 'JSON nested 100 000 levels deep in the variables',
    target: 'hub-graphql',
    request: (kit) => ({
      body: `{"query":${JSON.stringify(SUBMISSION_STATUS)},"variables":{"period":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      headers: { authorization: `Bearer ${kit.tokens.admin}` },
    }),
    // The Period scalar refuses the nested list before anything walks it.
    expect: 'INVALID_PERIOD',
  },
  {
    name: 'number beyond double range in a variable',
    target: 'hub-graphql',
    request: (kit) => ({
      body: '{"query":"query($n: Int!) { release(number: $n) { number } }","variables":{"n":1e400}}',
      headers: { authorization: `Bearer ${kit.tokens.admin}` },
    }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'Int variable beyond 32 bits',
    target: 'hub-graphql',
    request: admin('query($n: Int!) { release(number: $n) { number } }', { n: 2 ** 31 }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'Int variable as a string',
    target: 'hub-graphql',
    request: admin('query($n: Int!) { release(number: $n) { number } }', { n: '1' }),
    expect: 'BAD_USER_INPUT',
  },
  {
    name: 'String variable as an object',
    target: 'hub-graphql',
    request: admin(SUBMISSION_STATUS, { period: { $gt: '' } }),
    expect: 'INVALID_PERIOD',
  },

  // Documents.
  { name: 'syntax error', target: 'hub-graphql', request: admin('{ releases { number '), expect: 'GRAPHQL_PARSE_FAILED' },
  {
    name: 'unterminated string literal',
    target: 'hub-graphql',
    request: admin('{ release(number: "1) { number } }'),
    expect: 'GRAPHQL_PARSE_FAILED',
  },
  { name: 'unknown field', target: 'hub-graphql', request: admin('{ hubRecords { pseudonym } }'), expect: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'unknown argument',
    target: 'hub-graphql',
    request: admin('{ releases(where: "1=1") { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'missing required argument',
    target: 'hub-graphql',
    request: admin('{ release { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'string literal for an Int',
    target: 'hub-graphql',
    request: admin('{ release(number: "1") { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'huge Int literal',
    target: 'hub-graphql',
    request: admin('{ release(number: 99999999999999999999) { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'float literal for an Int',
    target: 'hub-graphql',
    request: admin('{ release(number: 1.5) { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'duplicate argument',
    target: 'hub-graphql',
    request: admin('{ release(number: 1, number: 2) { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'duplicate input field in a literal',
    target: 'hub-graphql',
    request: admin(
      'mutation { registerNode(input: { nodeId: "node-fi", nodeId: "node-at", countries: ["FI"], publicJwk: "{}" }) { nodeId } }',
    ),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'fragment cycle',
    target: 'hub-graphql',
    request: admin('{ releases { ...A } } fragment A on Release { number ...B } fragment B on Release { ...A }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'undefined variable',
    target: 'hub-graphql',
    request: admin('{ release(number: $n) { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'variable of the wrong type',
    target: 'hub-graphql',
    request: admin('query($n: String) { release(number: $n) { number } }', { n: '1' }),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'two anonymous operations',
    target: 'hub-graphql',
    request: admin('{ releases { number } } { nodes { nodeId } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'operation name not in the document',
    target: 'hub-graphql',
    request: (kit) => ({
      body: JSON.stringify({ query: 'query A { releases { number } }', operationName: 'B' }),
      headers: { authorization: `Bearer ${kit.tokens.admin}` },
    }),
    expect: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'subscription',
    target: 'hub-graphql',
    request: admin('subscription { releases { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'unknown directive',
    target: 'hub-graphql',
    request: admin('{ releases @debug { number } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'directive flood',
    target: 'hub-graphql',
    request: admin(`{ releases ${'@include(if: true) '.repeat(500)}{ number } }`),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },

  // Cost limits.
  { name: 'query nested 20 levels deep', target: 'hub-graphql', request: researcher(introspectionOfDepth(20)), expect: 'QUERY_TOO_DEEP' },
  {
    name: 'depth hidden in nested fragments',
    target: 'hub-graphql',
    request: researcher(
      `{ __schema { types { ...F0 } } } ${Array.from({ length: 16 }, (_, level) => `fragment F${level} on __Type { ofType { ...F${level + 1} } }`).join(' ')} fragment F16 on __Type { name }`,
    ),
    expect: 'QUERY_TOO_DEEP',
  },
  {
    name: 'alias flood of 50 aliases',
    target: 'hub-graphql',
    request: researcher(`{ ${Array.from({ length: 50 }, (_, index) => `a${index}: releases { number }`).join(' ')} }`),
    expect: 'TOO_MANY_ALIASES',
  },
  {
    // The parser's token cap stops it before the alias count is reached: cheaper still.
    name: 'alias flood of 1000 aliases',
    target: 'hub-graphql',
    request: researcher(`{ ${Array.from({ length: 1000 }, (_, index) => `a${index}: releases { number }`).join(' ')} }`),
    expect: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'alias flood inside a fragment',
    target: 'hub-graphql',
    request: researcher(
      `{ releases { ...F } } fragment F on Release { ${Array.from({ length: 200 }, (_, index) => `n${index}: number`).join(' ')} }`,
    ),
    expect: 'TOO_MANY_ALIASES',
  },
  {
    name: 'alias flood of introspection',
    target: 'hub-graphql',
    request: raw(
      JSON.stringify({
        query: `{ ${Array.from({ length: 300 }, (_, index) => `t${index}: __type(name: "Release") { name }`).join(' ')} }`,
      }),
    ),
    expect: 'TOO_MANY_ALIASES',
  },
  {
    name: 'wide query of 1000 repeated fields',
    target: 'hub-graphql',
    request: researcher(`{ releases { ${'number note publishedAt '.repeat(340)} } }`),
    expect: 'QUERY_TOO_WIDE',
  },
  {
    name: 'a document of a million field names',
    target: 'hub-graphql',
    request: researcher(`{ ${'a '.repeat(1_000_000)}}`),
    expect: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'token flood (10 000 tokens)',
    target: 'hub-graphql',
    request: researcher(`{ ${'__typename '.repeat(10_000)} }`),
    expect: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'list literal of 1000 countries',
    target: 'hub-graphql',
    request: admin(
      `mutation { registerNode(input: { nodeId: "node-fi", countries: [${'"FI",'.repeat(1000)}], publicJwk: "{}" }) { nodeId } }`,
    ),
    expect: 'LIST_TOO_LONG',
  },
  {
    name: 'list variable of 1000 countries',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries: Array.from({ length: 1000 }, () => 'FI') })),
    expect: 'LIST_TOO_LONG',
    field: 'registerNode',
  },

  // Tokens.
  {
    name: 'administrator operation without a token',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: '{ nodes { nodeId } }' })),
    expect: 'UNAUTHENTICATED',
  },
  {
    name: 'Basic authorization',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: RELEASES }), { authorization: 'Basic YWRtaW46YWRtaW4=' }),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'Bearer with spaces inside',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: RELEASES }), { authorization: 'Bearer a b c' }),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'Bearer garbage of three segments',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: RELEASES }), { authorization: 'Bearer aaa.bbb.ccc' }),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token with alg none',
    target: 'hub-graphql',
    request: () => withToken(handmadeJwt({ alg: 'none', typ: 'JWT' }, claims(), noSignature), '{ nodes { nodeId } }'),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token with alg NONE and the issuer kid',
    target: 'hub-graphql',
    request: (kit) => withToken(handmadeJwt({ alg: 'NONE', kid: kit.issuerPublicJwk.kid }, claims(), noSignature), '{ nodes { nodeId } }'),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token HS256-signed with the public key bytes',
    target: 'hub-graphql',
    request: (kit) =>
      withToken(
        handmadeJwt({ alg: 'HS256', kid: kit.issuerPublicJwk.kid }, claims(), hmac(Buffer.from(kit.issuerPublicJwk.x, 'base64url'))),
        '{ nodes { nodeId } }',
      ),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token HS256-signed with the public JWK text',
    target: 'hub-graphql',
    request: (kit) =>
      withToken(
        handmadeJwt({ alg: 'HS256', kid: kit.issuerPublicJwk.kid }, claims(), hmac(JSON.stringify(kit.issuerPublicJwk))),
        '{ nodes { nodeId } }',
      ),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token HS256-signed with the JWKS text',
    target: 'hub-graphql',
    request: (kit) =>
      withToken(handmadeJwt({ alg: 'HS256' }, claims(), hmac(JSON.stringify({ keys: [kit.issuerPublicJwk] }))), '{ nodes { nodeId } }'),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'expired token',
    target: 'hub-graphql',
    request: async (kit) =>
      withToken(await kit.issuerToken(claims({ iat: nowSeconds() - 7200, nbf: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))),
    expect: 'TOKEN_EXPIRED',
  },
  {
    name: 'token expired in 1970',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ iat: 0, nbf: 0, exp: 1 }))),
    expect: 'TOKEN_EXPIRED',
  },
  {
    name: 'token not valid before next year',
    target: 'hub-graphql',
    request: async (kit) =>
      withToken(await kit.issuerToken(claims({ nbf: nowSeconds() + 365 * 86_400, exp: nowSeconds() + 400 * 86_400 }))),
    expect: 'TOKEN_NOT_YET_VALID',
  },
  {
    name: 'token issued in the future',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ iat: nowSeconds() + 3600, nbf: undefined }))),
    expect: 'TOKEN_NOT_YET_VALID',
  },
  {
    name: 'token of another issuer',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ iss: 'https://evil.example' }))),
    expect: 'WRONG_ISSUER',
  },
  {
    name: 'token for another audience',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ aud: 'another-service' }))),
    expect: 'WRONG_AUDIENCE',
  },
  {
    name: 'token without exp',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ exp: undefined }))),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token with an unknown role',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ roles: ['SUPERUSER'] }))),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token whose roles are a string',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ roles: 'HUB_ADMIN' }))),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'rapporteur token without countries',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ roles: ['RAPPORTEUR'] }))),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token with an injection as country',
    target: 'hub-graphql',
    request: async (kit) => withToken(await kit.issuerToken(claims({ roles: ['RAPPORTEUR'], countries: [INJECTIONS.sql] }))),
    expect: 'INVALID_TOKEN',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'token signed by another key under the issuer kid',
    target: 'hub-graphql',
    request: (kit) => withToken(handmadeJwt({ alg: 'EdDSA', kid: kit.issuerPublicJwk.kid }, claims(), attacker), '{ nodes { nodeId } }'),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token signed by an unknown key',
    target: 'hub-graphql',
    request: () => withToken(handmadeJwt({ alg: 'EdDSA', kid: 'attacker-key' }, claims(), attacker), '{ nodes { nodeId } }'),
    expect: 'UNKNOWN_SIGNING_KEY',
  },
  {
    name: 'token carrying its own key in the header (jwk)',
    target: 'hub-graphql',
    request: () => withToken(handmadeJwt({ alg: 'EdDSA', jwk: attackerJwk }, claims(), attacker), '{ nodes { nodeId } }'),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token pointing to a key URL (jku) with the issuer kid',
    target: 'hub-graphql',
    request: (kit) =>
      withToken(
        handmadeJwt({ alg: 'EdDSA', kid: kit.issuerPublicJwk.kid, jku: 'https://evil.example/jwks.json' }, claims(), attacker),
        '{ nodes { nodeId } }',
      ),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token with a path as kid',
    target: 'hub-graphql',
    request: () => withToken(handmadeJwt({ alg: 'EdDSA', kid: INJECTIONS.path }, claims(), attacker), '{ nodes { nodeId } }'),
    expect: 'UNKNOWN_SIGNING_KEY',
  },
  {
    name: 'researcher token with its payload changed to an administrator',
    target: 'hub-graphql',
    request: (kit) => {
      const [header, , signature] = kit.tokens.researcher.split('.');
      return withToken(`${header}.${base64url(JSON.stringify(claims()))}.${signature}`, '{ nodes { nodeId } }');
    },
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'token of 10 000 characters',
    target: 'hub-graphql',
    request: () => withToken(`${'a'.repeat(5000)}.${'b'.repeat(4000)}.${'c'.repeat(1000)}`),
    expect: 'INVALID_TOKEN',
  },
  {
    name: 'researcher registering a node',
    target: 'hub-graphql',
    request: researcher(REGISTER_NODE, registration()),
    expect: 'FORBIDDEN',
    field: 'registerNode',
  },
  {
    name: 'rapporteur publishing a release',
    target: 'hub-graphql',
    request: (kit) => graphqlRequest('mutation { publishRelease { number } }', {}, kit.tokens.rapporteur),
    expect: 'FORBIDDEN',
    field: 'publishRelease',
  },
  {
    name: 'researcher reading the node registry',
    target: 'hub-graphql',
    request: researcher('{ nodes { nodeId keys { publicJwk } } }'),
    expect: 'FORBIDDEN',
  },

  // Node registry arguments.
  ...(
    [
      ['SQL injection', INJECTIONS.sql],
      ['HTML', INJECTIONS.html],
      ['a path', INJECTIONS.path],
      ['a line break and a forged log line', INJECTIONS.logForging],
      ['100 000 characters', 'n'.repeat(100_000)],
      ['an empty string', ''],
      ['upper case', 'NODE-FI'],
      ['a right-to-left override', `node-${INJECTIONS.rightToLeft}`],
    ] as const
  ).map(([what, nodeId]): HubCase => ({
    name: `registerNode with ${what} as node id`,
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ nodeId })),
    expect: 'INVALID_NODE_ID',
    field: 'registerNode',
    mustNotEcho: nodeId.length >= 8 ? [nodeId] : [],
  })),
  ...(
    [
      ['GR instead of EL', ['GR']],
      ['an unknown code', ['XX']],
      ['lower case', ['fi']],
      ['SQL injection', [INJECTIONS.sql]],
      ['three letters', ['FIN']],
    ] as const
  ).map(([what, countries]): HubCase => ({
    name: `registerNode with ${what} as country`,
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries })),
    expect: 'INVALID_COUNTRY',
    field: 'registerNode',
  })),
  {
    name: 'registerNode with no country',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries: [] })),
    expect: 'INVALID_COUNTRY',
    field: 'registerNode',
  },
  {
    name: 'registerNode with a country twice',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries: ['FI', 'FI'] })),
    expect: 'INVALID_COUNTRY',
    field: 'registerNode',
  },
  {
    name: 'registerNode for a taken country',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries: ['AT'] })),
    expect: 'COUNTRY_TAKEN',
    field: 'registerNode',
  },
  {
    name: 'registerNode with a taken node id',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ nodeId: 'node-at' })),
    expect: 'NODE_EXISTS',
    field: 'registerNode',
  },
  ...(
    [
      ['text that is not JSON', 'not json'],
      ['a JSON array', '[]'],
      [
        'a private key',
        JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: base64url(Buffer.alloc(32, 7)), d: base64url(Buffer.alloc(32, 9)) }),
      ],
      ['an RSA key', JSON.stringify({ kty: 'RSA', n: base64url(Buffer.alloc(256, 1)), e: 'AQAB' })],
      ['a symmetric key', JSON.stringify({ kty: 'oct', k: base64url(Buffer.alloc(32, 3)) })],
      ['an X25519 key', JSON.stringify({ kty: 'OKP', crv: 'X25519', x: base64url(Buffer.alloc(32, 7)) })],
      ['a 31-byte x', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: base64url(Buffer.alloc(31, 7)) })],
      [
        'a kid that is not its thumbprint',
        JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: base64url(Buffer.alloc(32, 7)), kid: 'node-at-key' }),
      ],
      ['alg HS256', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: base64url(Buffer.alloc(32, 7)), alg: 'HS256' })],
      [
        'duplicate keys (x twice)',
        `{"kty":"OKP","crv":"Ed25519","x":"${base64url(Buffer.alloc(32, 7))}","x":"${base64url(Buffer.alloc(32, 8))}"}`,
      ],
      ['an x of 1 MB', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(1_000_000) })],
      ['SQL injection', INJECTIONS.sql],
    ] as const
  ).map(([what, publicJwk]): HubCase => ({
    name: `registerNode with ${what} as public key`,
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ publicJwk })),
    expect: 'INVALID_PUBLIC_KEY',
    field: 'registerNode',
  })),
  {
    name: 'registerNode with the key of another node',
    target: 'hub-graphql',
    request: (kit) => graphqlRequest(REGISTER_NODE, registration({ publicJwk: JSON.stringify(kit.austria.publicJwk) }), kit.tokens.admin),
    expect: 'KEY_EXISTS',
    field: 'registerNode',
  },
  {
    name: 'rotateNodeKey of an unknown node',
    target: 'hub-graphql',
    request: admin('mutation($input: RotateNodeKeyInput!) { rotateNodeKey(input: $input) { nodeId } }', {
      input: { nodeId: 'node-zz', publicJwk: registration().input.publicJwk },
    }),
    expect: 'NODE_NOT_FOUND',
    field: 'rotateNodeKey',
  },
  {
    name: 'rotateNodeKey with SQL injection as node id',
    target: 'hub-graphql',
    request: admin('mutation($input: RotateNodeKeyInput!) { rotateNodeKey(input: $input) { nodeId } }', {
      input: { nodeId: INJECTIONS.sql, publicJwk: registration().input.publicJwk },
    }),
    expect: 'INVALID_NODE_ID',
    field: 'rotateNodeKey',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'retireNode of an unknown node',
    target: 'hub-graphql',
    request: admin('mutation { retireNode(nodeId: "node-zz") { nodeId } }'),
    expect: 'NODE_NOT_FOUND',
    field: 'retireNode',
  },
  {
    name: 'retireNode with a NUL character',
    target: 'hub-graphql',
    request: admin('mutation($id: String!) { retireNode(nodeId: $id) { nodeId } }', { id: 'node-at\u0000' }),
    expect: 'INVALID_CHARACTER',
    field: 'retireNode',
  },
  {
    name: 'retireNode with SQL injection',
    target: 'hub-graphql',
    request: admin('mutation($id: String!) { retireNode(nodeId: $id) { nodeId } }', { id: INJECTIONS.sql }),
    expect: 'INVALID_NODE_ID',
    field: 'retireNode',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'retireNodeKey of an unknown kid',
    target: 'hub-graphql',
    request: admin('mutation { retireNodeKey(kid: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") { nodeId } }'),
    expect: 'KEY_NOT_FOUND',
    field: 'retireNodeKey',
  },
  {
    name: 'retireNodeKey with a NUL character',
    target: 'hub-graphql',
    request: admin('mutation($kid: String!) { retireNodeKey(kid: $kid) { nodeId } }', { kid: '\u0000' }),
    expect: 'INVALID_CHARACTER',
    field: 'retireNodeKey',
  },
  {
    name: 'registerNode with a NUL character as node id',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ nodeId: 'node\u0000fi' })),
    expect: 'INVALID_CHARACTER',
    field: 'registerNode',
  },
  {
    name: 'registerNode with a NUL character as country',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries: [INJECTIONS.nul] })),
    expect: 'INVALID_CHARACTER',
    field: 'registerNode',
  },
  {
    name: 'registerNode with a lone surrogate as country',
    target: 'hub-graphql',
    request: admin(REGISTER_NODE, registration({ countries: [INJECTIONS.loneSurrogate] })),
    expect: 'INVALID_CHARACTER',
    field: 'registerNode',
  },
  {
    name: 'submissionStatus with a NUL character as period',
    target: 'hub-graphql',
    request: admin(SUBMISSION_STATUS, { period: '2026-Q1\u0000' }),
    // A period is parsed before any text check: the NUL never reaches a resolver.
    expect: 'INVALID_PERIOD',
  },
  {
    name: 'retireNodeKey with SQL injection',
    target: 'hub-graphql',
    request: admin('mutation($kid: String!) { retireNodeKey(kid: $kid) { nodeId } }', { kid: INJECTIONS.sql }),
    expect: 'KEY_NOT_FOUND',
    field: 'retireNodeKey',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'node with SQL injection as id',
    target: 'hub-graphql',
    request: admin('query($id: String!) { node(nodeId: $id) { nodeId } }', { id: INJECTIONS.sql }),
    expect: 'INVALID_NODE_ID',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'node with a forged log line as id',
    target: 'hub-graphql',
    request: admin('query($id: String!) { node(nodeId: $id) { nodeId } }', { id: INJECTIONS.logForging }),
    expect: 'INVALID_NODE_ID',
    mustNotEcho: [INJECTIONS.logForging],
  },

  // Periods.
  ...(
    [
      ['quarter 5', '2026-Q5'],
      ['quarter 0', '2026-Q0'],
      ['no hyphen', '2026Q1'],
      ['lower-case q', '2026-q1'],
      ['year 0000', '0000-Q1'],
      ['five-digit year', '20260-Q1'],
      ['an empty string', ''],
      ['SQL injection', INJECTIONS.sql],
      ['a date', '2026-01-15'],
    ] as const
  ).map(([what, period]): HubCase => ({
    name: `submissionStatus with ${what} as period`,
    target: 'hub-graphql',
    request: admin(SUBMISSION_STATUS, { period }),
    expect: 'INVALID_PERIOD',
    mustNotEcho: period.length >= 8 ? [period] : [],
  })),

  // Country metadata.
  {
    name: 'setCountryMetadata for an unknown country',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ country: 'XX' })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata for GR',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ country: 'GR' })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata from quarter 9',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ validFrom: '2026-Q9' })),
    expect: 'INVALID_PERIOD',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata ending before it starts',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ validFrom: '2026-Q1', validTo: '2025-Q4' })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata with an unknown legal definition',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ legalDefinition: 'ANYTHING_GOES' })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata with SQL injection as threshold',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ identificationThreshold: INJECTIONS.sql })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'setCountryMetadata with an unknown breakdown',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ breakdownsNotCollected: ['shoe_size'] })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata with a NUL in the footnote',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ footnote: 'Figures \u0000 exclude' })),
    expect: 'INVALID_CHARACTER',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata with a lone surrogate in the footnote',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ footnote: `Figures ${INJECTIONS.loneSurrogate}` })),
    expect: 'INVALID_CHARACTER',
    field: 'setCountryMetadata',
  },
  {
    name: 'setCountryMetadata with a footnote of 1 MB',
    target: 'hub-graphql',
    request: admin(SET_METADATA, metadata({ footnote: 'f'.repeat(1_000_000) })),
    expect: 'INVALID_METADATA',
    field: 'setCountryMetadata',
  },
  {
    name: 'removeCountryMetadata that does not exist',
    target: 'hub-graphql',
    request: admin('mutation { removeCountryMetadata(country: "DE", validFrom: "2020-Q1") { country } }'),
    expect: 'METADATA_NOT_FOUND',
    field: 'removeCountryMetadata',
  },
  {
    name: 'removeCountryMetadata with SQL injection',
    target: 'hub-graphql',
    request: admin('mutation($c: String!) { removeCountryMetadata(country: $c, validFrom: "2020-Q1") { country } }', { c: INJECTIONS.sql }),
    expect: 'INVALID_COUNTRY',
    field: 'removeCountryMetadata',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'countryMetadata with SQL injection as country',
    target: 'hub-graphql',
    request: researcher('query($c: String) { countryMetadata(country: $c) { country } }', { c: INJECTIONS.sql }),
    expect: 'INVALID_COUNTRY',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'countryMetadata with a NUL character',
    target: 'hub-graphql',
    request: researcher('query($c: String) { countryMetadata(country: $c) { country } }', { c: INJECTIONS.nul }),
    expect: 'INVALID_CHARACTER',
  },
  {
    name: 'revocation ledger with a NUL character',
    target: 'hub-graphql',
    request: admin('query($c: String) { revocations(country: $c) { noticeId } }', { c: INJECTIONS.nul }),
    expect: 'INVALID_CHARACTER',
  },
  {
    name: 'revocation ledger with SQL injection',
    target: 'hub-graphql',
    request: admin('query($c: String) { revocations(country: $c) { noticeId } }', { c: INJECTIONS.sql }),
    expect: 'INVALID_COUNTRY',
    mustNotEcho: [INJECTIONS.sql],
  },

  // Population.
  {
    name: 'population with a NUL in geo',
    target: 'hub-graphql',
    request: researcher('query($g: String!) { population(geo: $g, year: 2024) { value } }', { g: INJECTIONS.nul }),
    expect: 'INVALID_CHARACTER',
  },
  {
    name: 'population with SQL injection as geo',
    target: 'hub-graphql',
    request: researcher('query($g: String!) { population(geo: $g, year: 2024) { value } }', { g: INJECTIONS.sql }),
    expect: 'INVALID_POPULATION_QUERY',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'population with an unknown sex',
    target: 'hub-graphql',
    request: researcher('{ population(geo: "AT", year: 2024, sex: "X") { value } }'),
    expect: 'INVALID_POPULATION_QUERY',
  },
  {
    name: 'population in year -5',
    target: 'hub-graphql',
    request: researcher('{ population(geo: "AT", year: -5) { value } }'),
    expect: 'INVALID_POPULATION_QUERY',
  },
  {
    name: 'population in year 40000 (beyond the smallint column)',
    target: 'hub-graphql',
    request: researcher('{ population(geo: "AT", year: 40000) { value } }'),
    expect: 'INVALID_POPULATION_QUERY',
  },
  {
    name: 'population with an injection as age',
    target: 'hub-graphql',
    request: researcher('query($a: String) { population(geo: "AT", year: 2024, age: $a) { value } }', { a: INJECTIONS.sql }),
    expect: 'INVALID_POPULATION_QUERY',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'population of an unknown table version',
    target: 'hub-graphql',
    request: researcher('{ population(geo: "AT", year: 2024, version: "no-such-version") { value } }'),
    expect: 'POPULATION_TABLE_NOT_FOUND',
  },
  {
    name: 'loadPopulationTable with TSV garbage',
    target: 'hub-graphql',
    request: admin(LOAD_POPULATION, populationInput({ tsv: 'garbage' })),
    expect: 'INVALID_POPULATION_TABLE',
    field: 'loadPopulationTable',
  },
  {
    name: 'loadPopulationTable with a number beyond double range',
    target: 'hub-graphql',
    request: admin(LOAD_POPULATION, populationInput({ tsv: 'indic_de,geo\\time\t2024 \nJAN,AT\t1e400 \n' })),
    expect: 'INVALID_POPULATION_TABLE',
    field: 'loadPopulationTable',
  },
  {
    name: 'loadPopulationTable with an impossible date',
    target: 'hub-graphql',
    request: admin(LOAD_POPULATION, populationInput({ extractionDate: '2026-02-30' })),
    expect: 'INVALID_POPULATION_TABLE',
    field: 'loadPopulationTable',
  },
  {
    name: 'loadPopulationTable with a NUL in the title',
    target: 'hub-graphql',
    request: admin(LOAD_POPULATION, populationInput({ title: 'Population\u0000' })),
    expect: 'INVALID_CHARACTER',
    field: 'loadPopulationTable',
  },
  {
    name: 'loadPopulationTable with a lower-case geo',
    target: 'hub-graphql',
    request: admin(LOAD_POPULATION, populationInput({ tsv: 'indic_de,geo\\time\t2024 \nJAN,at\t1000 \n' })),
    expect: 'INVALID_POPULATION_TABLE',
    field: 'loadPopulationTable',
  },
  {
    name: 'loadPopulationTable with a geo carrying SQL',
    target: 'hub-graphql',
    request: admin(LOAD_POPULATION, populationInput({ tsv: `indic_de,geo\\time\t2024 \nJAN,${INJECTIONS.sql}\t1000 \n` })),
    expect: 'INVALID_POPULATION_TABLE',
    field: 'loadPopulationTable',
    mustNotEcho: [INJECTIONS.sql],
  },

  // Releases.
  {
    name: 'publishRelease with a note of 1001 characters',
    target: 'hub-graphql',
    request: admin('mutation($n: String) { publishRelease(note: $n) { number } }', { n: 'n'.repeat(1001) }),
    expect: 'NOTE_TOO_LONG',
    field: 'publishRelease',
  },
  {
    name: 'publishRelease with a NUL in the note',
    target: 'hub-graphql',
    request: admin('mutation($n: String) { publishRelease(note: $n) { number } }', { n: 'First\u0000release' }),
    expect: 'INVALID_CHARACTER',
    field: 'publishRelease',
  },
  {
    name: 'publishRelease with a lone surrogate in the note',
    target: 'hub-graphql',
    request: admin('mutation($n: String) { publishRelease(note: $n) { number } }', { n: `First ${INJECTIONS.loneSurrogate}` }),
    expect: 'INVALID_CHARACTER',
    field: 'publishRelease',
  },
  {
    name: 'release number -1',
    target: 'hub-graphql',
    request: researcher('{ release(number: -1) { number } }'),
    expect: 'RELEASE_NOT_FOUND',
  },
  {
    name: 'release number 0',
    target: 'hub-graphql',
    request: researcher('{ release(number: 0) { number } }'),
    expect: 'RELEASE_NOT_FOUND',
  },
  {
    name: 'release number 2^31 - 1',
    target: 'hub-graphql',
    request: researcher('{ release(number: 2147483647) { number } }'),
    expect: 'RELEASE_NOT_FOUND',
  },
];

const FIGURES =
  'query($dataset: String!, $filter: FigureFilter, $release: Int) { figures(dataset: $dataset, filter: $filter, release: $release) { release cells { value flags } } }';
const figures = (dataset: string, filter?: Record<string, unknown>, release?: number) =>
  researcher(FIGURES, { dataset, ...(filter === undefined ? {} : { filter }), ...(release === undefined ? {} : { release }) });

/** The figures API: datasets, filters, releases and measures that do not exist. */
export const HUB_FIGURES_CASES: readonly HubCase[] = [
  { name: 'figures of an unknown dataset', target: 'hub-graphql', request: figures('victims_by_shoe_size'), expect: 'UNKNOWN_DATASET' },
  {
    name: 'figures of a dataset named by SQL injection',
    target: 'hub-graphql',
    request: figures(INJECTIONS.sql),
    expect: 'UNKNOWN_DATASET',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'figures of an unknown country',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { geo: ['XX'] }),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'figures of GR instead of EL',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { geo: ['GR'] }),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'figures with SQL injection as country',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { geo: [INJECTIONS.sql] }),
    expect: 'UNKNOWN_CODE',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'figures of quarter 5',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { time: ['2026-Q5'] }),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'figures of a date instead of a period',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { time: ['2026-01-15'] }),
    expect: 'UNKNOWN_CODE',
  },
  { name: 'figures of an unknown sex', target: 'hub-graphql', request: figures('victims_sex_age', { sex: ['X'] }), expect: 'UNKNOWN_CODE' },
  {
    name: 'figures filtered on a dimension the dataset lacks',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { exploit: ['SEXUAL'] }),
    expect: 'DIMENSION_NOT_IN_DATASET',
  },
  {
    name: 'figures of release 999',
    target: 'hub-graphql',
    request: figures('victims_sex_age', undefined, 999),
    expect: 'RELEASE_NOT_FOUND',
  },
  { name: 'figures of release -1', target: 'hub-graphql', request: figures('victims_sex_age', undefined, -1), expect: 'RELEASE_NOT_FOUND' },
  {
    name: 'figures with a NUL in a code',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { geo: [INJECTIONS.nul] }),
    expect: 'INVALID_CHARACTER',
  },
  {
    name: 'figures with a filter of 600 countries',
    target: 'hub-graphql',
    request: figures('victims_sex_age', { geo: Array.from({ length: 600 }, () => 'AT') }),
    expect: 'LIST_TOO_LONG',
  },
  {
    name: 'figures with an unknown measure',
    target: 'hub-graphql',
    request: researcher('{ figures(dataset: "victims_sex_age", measure: RATE_PER_BILLION) { release } }'),
    expect: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'figures without a token',
    target: 'hub-graphql',
    request: raw(JSON.stringify({ query: '{ figures(dataset: "victims_sex_age") { release } }' })),
    expect: 'UNAUTHENTICATED',
  },
  {
    name: 'comparative report of an unknown country',
    target: 'hub-graphql',
    request: researcher('query($c: [String!]) { comparativeReport(dataset: "victims_sex_age", countries: $c) { periods } }', { c: ['XX'] }),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'preview of figures by a researcher',
    target: 'hub-graphql',
    request: researcher('{ previewFigures(country: "AT", dataset: "victims_sex_age") { preview } }'),
    expect: 'FORBIDDEN',
  },
  {
    name: 'preview of another country by a rapporteur',
    target: 'hub-graphql',
    request: (kit) =>
      graphqlRequest('{ previewFigures(country: "DE", dataset: "victims_sex_age") { preview } }', undefined, kit.tokens.rapporteur),
    expect: 'COUNTRY_OUT_OF_SCOPE',
  },
];

/** Rate limiting: the same token asking far more than its share in a burst. Its last answer must be RATE_LIMITED. */
export const FLOOD_CASE: HubCase = {
  name: 'request flood from one token',
  target: 'hub-graphql',
  request: (kit) => graphqlRequest(RELEASES, undefined, kit.tokens.flooder),
  expect: 'RATE_LIMITED',
};
