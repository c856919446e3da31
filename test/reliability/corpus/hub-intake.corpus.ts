import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { base64url, nowSeconds, RETURN_TYPE, REVOCATION_TYPE, type SigningNode } from '../support/signing-node.js';
import { INJECTIONS, graphqlRequest, returnRequest, revocationRequest, type HubCase, type HubKit, type HubRequest } from './corpus-case.js';

/**
 * Bad signed messages for the hub's intake (submitReturn, submitRevocation): broken JWS, wrong algorithms and types,
 * keys that are not the node's, payloads that are not JSON or not the standard's. A refusal changes no table; a
 * replay is answered DUPLICATE and changes no table either.
 */

/** A period the kit's nodes have not reported yet, so a case that wrongly got through would show in the tables. */
const FRESH_PERIOD = '2025-Q3';

type Json = Record<string, unknown>;

/** Austria's valid return for the fresh period as plain JSON, changed by `mutate`, signed normally. */
const returnWith =
  (mutate: (payload: Json) => void, node: (kit: HubKit) => SigningNode = (kit) => kit.austria) =>
  (kit: HubKit): HubRequest => {
    const payload = JSON.parse(JSON.stringify(kit.austria.buildReturn(FRESH_PERIOD, { count: 6 }))) as Json;
    mutate(payload);
    return returnRequest(node(kit).sign(payload, RETURN_TYPE));
  };

/** Austria's valid return with one record changed. */
const recordWith = (mutate: (record: Json, payload: Json) => void) =>
  returnWith((payload) => mutate((payload['records'] as Json[])[2] as Json, payload));

/** A notice of Austria's changed by `mutate`, signed normally. */
const noticeWith =
  (mutate: (notice: Json) => void) =>
  (kit: HubKit): HubRequest => {
    const notice = JSON.parse(JSON.stringify(kit.austria.revocation([kit.austria.pseudonym('AT-90')]))) as Json;
    mutate(notice);
    return revocationRequest(kit.austria.sign(notice, REVOCATION_TYPE));
  };

/** Austria's return for the fresh period as JSON text, signed under `header` (Austria's kid and iat unless overridden). */
const signedText =
  (text: (kit: HubKit) => string | Uint8Array, header: Json = {}) =>
  (kit: HubKit): HubRequest =>
    returnRequest(kit.austria.signText(text(kit), { alg: 'EdDSA', typ: RETURN_TYPE, kid: kit.austria.kid, iat: nowSeconds(), ...header }));

const validText = (kit: HubKit) => JSON.stringify(kit.austria.buildReturn(FRESH_PERIOD, { count: 6 }));

/** Header and payload encoded by hand, then a signature from `signer` (Austria's key unless given). */
const handmade =
  (header: Json | string, payload: (kit: HubKit) => string, signer?: (input: string) => Buffer) =>
  (kit: HubKit): HubRequest => {
    const encodedHeader = base64url(typeof header === 'string' ? header : JSON.stringify({ kid: kit.austria.kid, ...header }));
    const encodedPayload = base64url(payload(kit));
    if (signer === undefined) return returnRequest(kit.austria.signSegments(encodedHeader, encodedPayload));
    return returnRequest(`${encodedHeader}.${encodedPayload}.${base64url(signer(`${encodedHeader}.${encodedPayload}`))}`);
  };

const attackerKey = generateKeyPairSync('ed25519');
const byAttacker = (input: string) => sign(null, Buffer.from(input), attackerKey.privateKey);
const hmacWith = (secret: (kit: HubKit) => string | Buffer) => (kit: HubKit) => (input: string) =>
  createHmac('sha256', secret(kit)).update(input).digest();

const header = { alg: 'EdDSA', typ: RETURN_TYPE, iat: 1_767_225_600 };

export const HUB_INTAKE_CASES: readonly HubCase[] = [
  // The compact serialisation.
  { name: 'empty JWS', target: 'hub-intake', request: () => returnRequest(''), expect: 'MALFORMED', field: 'submitReturn' },
  {
    name: 'JWS with a character outside base64url',
    target: 'hub-intake',
    request: () => returnRequest('not.a.jws!'),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'JWS of two segments',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.acceptedReturn.jws.split('.').slice(0, 2).join('.')),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'JWS of four segments',
    target: 'hub-intake',
    request: (kit) => returnRequest(`${kit.acceptedReturn.jws}.AAAA`),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'JWS JSON serialisation instead of compact',
    target: 'hub-intake',
    request: (kit) => returnRequest(JSON.stringify({ payload: kit.acceptedReturn.jws.split('.')[1], signatures: [] })),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'JWS as a number',
    target: 'hub-intake',
    request: () => graphqlRequest('mutation($jws: String!) { submitReturn(jws: $jws) { status } }', { jws: 42 }),
    expect: 'BAD_USER_INPUT',
  },
  { name: 'JWS as null', target: 'hub-intake', request: () => returnRequest(null), expect: 'BAD_USER_INPUT' },
  { name: 'JWS as a list', target: 'hub-intake', request: (kit) => returnRequest([kit.acceptedReturn.jws]), expect: 'BAD_USER_INPUT' },
  {
    name: 'JWS with a NUL character',
    target: 'hub-intake',
    request: (kit) => returnRequest(`${kit.acceptedReturn.jws}\u0000`),
    expect: 'INVALID_CHARACTER',
    field: 'submitReturn',
  },
  {
    name: 'JWS with a lone surrogate',
    target: 'hub-intake',
    request: (kit) => returnRequest(`${kit.acceptedReturn.jws}\uD800`),
    expect: 'INVALID_CHARACTER',
    field: 'submitReturn',
  },
  {
    name: 'header that is not JSON',
    target: 'hub-intake',
    request: handmade('{"alg":"EdDSA"', validText),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'header that is a JSON array',
    target: 'hub-intake',
    request: handmade('["EdDSA"]', validText),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'header of invalid UTF-8',
    target: 'hub-intake',
    request: (kit) =>
      returnRequest(kit.austria.signSegments(base64url(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), base64url(validText(kit)))),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'header with duplicate keys (alg none, then EdDSA)',
    target: 'hub-intake',
    request: (kit) =>
      handmade(`{"alg":"none","alg":"EdDSA","typ":"${RETURN_TYPE}","kid":"${kit.austria.kid}","iat":${nowSeconds()}}`, validText)(kit),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },

  // Algorithms.
  {
    name: 'alg none without a signature',
    target: 'hub-intake',
    request: handmade({ ...header, alg: 'none' }, validText, () => Buffer.alloc(0)),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'alg None',
    target: 'hub-intake',
    request: handmade({ ...header, alg: 'None' }, validText, () => Buffer.alloc(0)),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'HS256 keyed with the node public key bytes',
    target: 'hub-intake',
    request: (kit) =>
      handmade({ ...header, alg: 'HS256' }, validText, hmacWith((k) => Buffer.from(k.austria.publicJwk.x, 'base64url'))(kit))(kit),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'HS256 keyed with the node public JWK text',
    target: 'hub-intake',
    request: (kit) => handmade({ ...header, alg: 'HS256' }, validText, hmacWith((k) => JSON.stringify(k.austria.publicJwk))(kit))(kit),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'RS256',
    target: 'hub-intake',
    request: handmade({ ...header, alg: 'RS256' }, validText),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'ES256',
    target: 'hub-intake',
    request: handmade({ ...header, alg: 'ES256' }, validText),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'Ed25519 spelled as alg',
    target: 'hub-intake',
    request: handmade({ ...header, alg: 'Ed25519' }, validText),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitReturn',
  },
  {
    name: 'no alg',
    target: 'hub-intake',
    request: handmade({ typ: RETURN_TYPE, iat: 1 }, validText),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'alg as a number',
    target: 'hub-intake',
    request: handmade({ ...header, alg: 1 }, validText),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },

  // Types, keys and times.
  { name: 'no typ', target: 'hub-intake', request: signedText(validText, { typ: undefined }), expect: 'WRONG_TYPE', field: 'submitReturn' },
  {
    name: 'revocation typ on a return',
    target: 'hub-intake',
    request: signedText(validText, { typ: REVOCATION_TYPE }),
    expect: 'WRONG_TYPE',
    field: 'submitReturn',
  },
  {
    name: 'the hub receipt posted back as a return',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.hubReceipt),
    expect: 'WRONG_TYPE',
    field: 'submitReturn',
  },
  { name: 'typ JWT', target: 'hub-intake', request: signedText(validText, { typ: 'JWT' }), expect: 'WRONG_TYPE', field: 'submitReturn' },
  { name: 'no kid', target: 'hub-intake', request: signedText(validText, { kid: undefined }), expect: 'MALFORMED', field: 'submitReturn' },
  {
    name: 'kid of 300 characters',
    target: 'hub-intake',
    request: signedText(validText, { kid: 'k'.repeat(300) }),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'kid that is a number',
    target: 'hub-intake',
    request: signedText(validText, { kid: 12345 }),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'unknown kid',
    target: 'hub-intake',
    request: signedText(validText, { kid: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
    expect: 'UNKNOWN_KEY',
    field: 'submitReturn',
  },
  {
    name: 'SQL injection as kid',
    target: 'hub-intake',
    request: signedText(validText, { kid: INJECTIONS.sql }),
    expect: 'UNKNOWN_KEY',
    field: 'submitReturn',
  },
  {
    name: 'NUL character in the kid',
    target: 'hub-intake',
    request: signedText(validText, { kid: 'abc\u0000' }),
    expect: 'UNKNOWN_KEY',
    field: 'submitReturn',
  },
  {
    name: 'lone surrogate in the kid',
    target: 'hub-intake',
    request: signedText(validText, { kid: INJECTIONS.loneSurrogate }),
    expect: 'UNKNOWN_KEY',
    field: 'submitReturn',
  },
  { name: 'no iat', target: 'hub-intake', request: signedText(validText, { iat: undefined }), expect: 'MALFORMED', field: 'submitReturn' },
  {
    name: 'iat as a string',
    target: 'hub-intake',
    request: signedText(validText, { iat: '2026-01-01' }),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  { name: 'negative iat', target: 'hub-intake', request: signedText(validText, { iat: -1 }), expect: 'MALFORMED', field: 'submitReturn' },
  {
    name: 'iat of 1e300',
    target: 'hub-intake',
    request: signedText(validText, { iat: 1e300 }),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'signed a year in the future',
    target: 'hub-intake',
    request: signedText(validText, { iat: nowSeconds() + 365 * 86_400 }),
    expect: 'SIGNED_IN_FUTURE',
    field: 'submitReturn',
  },
  {
    name: 'crit header',
    target: 'hub-intake',
    request: signedText(validText, { crit: ['exp'], exp: 1 }),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'unencoded payload option (b64 false)',
    target: 'hub-intake',
    request: signedText(validText, { b64: false, crit: ['b64'] }),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'attacker key embedded in the header (jwk) with the node kid',
    target: 'hub-intake',
    request: (kit) =>
      handmade({ ...header, kid: kit.austria.kid, jwk: attackerKey.publicKey.export({ format: 'jwk' }) }, validText, byAttacker)(kit),
    expect: 'BAD_SIGNATURE',
    field: 'submitReturn',
  },
  {
    name: 'attacker key URL in the header (jku) with the node kid',
    target: 'hub-intake',
    request: (kit) => handmade({ ...header, kid: kit.austria.kid, jku: 'https://evil.example/jwks.json' }, validText, byAttacker)(kit),
    expect: 'BAD_SIGNATURE',
    field: 'submitReturn',
  },
  {
    name: 'signed by an unregistered node',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.stranger.sign(kit.stranger.buildReturn(FRESH_PERIOD), RETURN_TYPE)),
    expect: 'UNKNOWN_KEY',
    field: 'submitReturn',
  },
  {
    name: 'signed by a retired node',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.retired.sign(kit.retired.buildReturn(FRESH_PERIOD), RETURN_TYPE)),
    expect: 'NODE_RETIRED',
    field: 'submitReturn',
  },
  {
    name: 'signature truncated',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.austria.sign(kit.austria.buildReturn(FRESH_PERIOD), RETURN_TYPE).slice(0, -10)),
    expect: 'BAD_SIGNATURE',
    field: 'submitReturn',
  },
  {
    name: 'signature removed',
    target: 'hub-intake',
    request: (kit) =>
      returnRequest(`${kit.austria.sign(kit.austria.buildReturn(FRESH_PERIOD), RETURN_TYPE).split('.').slice(0, 2).join('.')}.`),
    expect: 'BAD_SIGNATURE',
    field: 'submitReturn',
  },
  {
    name: 'payload changed after signing',
    target: 'hub-intake',
    request: (kit) => {
      const [encodedHeader, , signature] = kit.austria.sign(kit.austria.buildReturn(FRESH_PERIOD), RETURN_TYPE).split('.');
      return returnRequest(
        `${encodedHeader}.${base64url(JSON.stringify(kit.austria.buildReturn(FRESH_PERIOD, { count: 60 })))}.${signature}`,
      );
    },
    expect: 'BAD_SIGNATURE',
    field: 'submitReturn',
  },
  {
    name: 'signature of one return on another (header swapped)',
    target: 'hub-intake',
    request: (kit) => {
      const [, payload] = kit.austria.sign(kit.austria.buildReturn(FRESH_PERIOD), RETURN_TYPE).split('.');
      const [encodedHeader, , signature] = kit.acceptedReturn.jws.split('.');
      return returnRequest(`${encodedHeader}.${payload}.${signature}`);
    },
    expect: 'BAD_SIGNATURE',
    field: 'submitReturn',
  },
  {
    name: 'JWS over the size limit',
    target: 'hub-intake',
    request: (kit) => returnRequest(`${'a'.repeat(kit.maxMessageBytes)}.b.c`),
    expect: 'TOO_LARGE',
    field: 'submitReturn',
  },
  {
    name: 'HTTP body over the body limit',
    target: 'hub-intake',
    request: () => returnRequest(`${'a'.repeat(65 * 1024 * 1024)}.b.c`),
    expect: 'PAYLOAD_TOO_LARGE',
  },

  // Payloads that are not the standard's JSON.
  {
    name: 'payload that is not JSON',
    target: 'hub-intake',
    request: signedText(() => 'records: none'),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'payload that is a JSON array',
    target: 'hub-intake',
    request: signedText((kit) => JSON.stringify([JSON.parse(validText(kit))])),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'payload that is JSON null',
    target: 'hub-intake',
    request: signedText(() => 'null'),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  { name: 'empty payload', target: 'hub-intake', request: signedText(() => ''), expect: 'MALFORMED', field: 'submitReturn' },
  {
    name: 'payload of invalid UTF-8',
    target: 'hub-intake',
    request: signedText((kit) =>
      Buffer.concat([Buffer.from(validText(kit).slice(0, -1)), Buffer.from(',"notes":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    ),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'payload in UTF-16',
    target: 'hub-intake',
    request: signedText((kit) => Buffer.from(validText(kit), 'utf16le')),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'payload with trailing garbage',
    target: 'hub-intake',
    request: signedText((kit) => `${validText(kit)} x`),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'duplicate keys: country twice',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace('"country":"AT"', '"country":"DE","country":"AT"')),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'duplicate keys: revision twice, spelled differently',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace('"revision":1', '"revision":1,"r\\u0065vision":99')),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'duplicate keys inside a record',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace('"sex":', '"sex":"F","sex":')),
    expect: 'MALFORMED',
    field: 'submitReturn',
  },
  {
    name: 'payload nested 50 000 levels deep',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace(/}$/, `,"notes":${'['.repeat(50_000)}${']'.repeat(50_000)}}`)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },

  // Envelopes that violate the standard.
  {
    name: 'no returnId',
    target: 'hub-intake',
    request: returnWith((p) => delete p['returnId']),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'SQL injection as returnId',
    target: 'hub-intake',
    request: returnWith((p) => (p['returnId'] = INJECTIONS.sql)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'returnId with a NUL character',
    target: 'hub-intake',
    request: returnWith((p) => (p['returnId'] = `${String(p['returnId'])}\u0000`)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'a confirmed true zero that carries records',
    target: 'hub-intake',
    request: returnWith((p) => {
      p['confirmedZero'] = true;
      p['withheld'] = { noConsent: 0, invalid: 0 };
    }),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'a confirmed true zero that withholds records',
    target: 'hub-intake',
    request: returnWith((p) => {
      p['confirmedZero'] = true;
      p['records'] = [];
      p['withheld'] = { noConsent: 3, invalid: 0 };
    }),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'confirmedZero false (the field only ever states a zero)',
    target: 'hub-intake',
    request: returnWith((p) => (p['confirmedZero'] = false)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'return naming another node',
    target: 'hub-intake',
    request: returnWith((p) => (p['nodeId'] = 'node-de')),
    expect: 'NODE_MISMATCH',
    field: 'submitReturn',
  },
  {
    name: 'nodeId with injection',
    target: 'hub-intake',
    request: returnWith((p) => (p['nodeId'] = INJECTIONS.html)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: [INJECTIONS.html],
  },
  {
    name: 'return for a country the node does not report for',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.austria.sign(kit.austria.buildReturn(FRESH_PERIOD, { country: 'DE' }), RETURN_TYPE)),
    expect: 'COUNTRY_NOT_ALLOWED',
    field: 'submitReturn',
  },
  ...(
    [
      ['an unknown country code', 'XX'],
      ['GR instead of EL', 'GR'],
      ['a lower-case country', 'at'],
      ['SQL injection as country', INJECTIONS.sql],
      ['a NUL in the country', INJECTIONS.nul],
    ] as const
  ).map(([what, country]): HubCase => ({
    name: `return with ${what}`,
    target: 'hub-intake',
    request: returnWith((p) => {
      p['country'] = country;
      for (const record of p['records'] as Json[]) record['country'] = country;
    }),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  })),
  ...(
    [
      ['quarter 5', '2026-Q5'],
      ['quarter 0', '2026-Q0'],
      ['no hyphen', '2026Q1'],
      ['year 0999', '0999-Q1'],
      ['the year 1899 (before the standard reports)', '1899'],
      ['a quarter of 1900', '1900-Q1'],
      ['the last quarter before 2000', '1999-Q4'],
      ['a date', '2026-01-15'],
      ['SQL injection', INJECTIONS.sql],
      ['a NUL character', '2025-Q3\u0000'],
    ] as const
  ).map(([what, period]): HubCase => ({
    name: `return with ${what} as period`,
    target: 'hub-intake',
    request: returnWith((p) => {
      p['period'] = period;
      for (const record of p['records'] as Json[]) record['period'] = period;
    }),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  })),
  {
    name: 'return for a quarter that has not begun',
    target: 'hub-intake',
    request: returnWith((p) => {
      p['period'] = '2099-Q1';
      for (const record of p['records'] as Json[]) record['period'] = '2099-Q1';
    }),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'revision 0',
    target: 'hub-intake',
    request: returnWith((p) => (p['revision'] = 0)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'revision 1.5',
    target: 'hub-intake',
    request: returnWith((p) => (p['revision'] = 1.5)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'revision as a string',
    target: 'hub-intake',
    request: returnWith((p) => (p['revision'] = '2')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'revision 2^31 (beyond a 32-bit column)',
    target: 'hub-intake',
    request: returnWith((p) => (p['revision'] = 2 ** 31)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'revision 1e308',
    target: 'hub-intake',
    request: returnWith((p) => (p['revision'] = 1e308)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'revision beyond double range',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace('"revision":1', '"revision":1e400')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'withheld count 10^10',
    target: 'hub-intake',
    request: returnWith((p) => (p['withheld'] = { noConsent: 1e10, invalid: 0 })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'negative withheld count',
    target: 'hub-intake',
    request: returnWith((p) => (p['withheld'] = { noConsent: -1, invalid: 0 })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'no withheld counts',
    target: 'hub-intake',
    request: returnWith((p) => delete p['withheld']),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'generatedAt that is not a date-time',
    target: 'hub-intake',
    request: returnWith((p) => (p['generatedAt'] = 'yesterday')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'generatedAt on 30 February',
    target: 'hub-intake',
    request: returnWith((p) => (p['generatedAt'] = '2026-02-30T10:00:00Z')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'generatedAt in year 275760',
    target: 'hub-intake',
    request: returnWith((p) => (p['generatedAt'] = '+275760-09-13T00:00:00Z')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'generated a year in the future',
    target: 'hub-intake',
    request: returnWith((p) => (p['generatedAt'] = new Date(Date.now() + 365 * 86_400_000).toISOString())),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'unknown standard version',
    target: 'hub-intake',
    request: returnWith((p) => (p['standardVersion'] = '9.9.9')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'records not a list',
    target: 'hub-intake',
    request: returnWith((p) => (p['records'] = { 0: {} })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'notes of 1 MB',
    target: 'hub-intake',
    request: returnWith((p) => (p['notes'] = 'n'.repeat(1_000_000))),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'identity field beside the envelope',
    target: 'hub-intake',
    request: returnWith((p) => (p['rapporteurName'] = INJECTIONS.canary)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: [INJECTIONS.canary],
  },
  {
    name: 'prototype pollution key in the envelope',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace(/^{/, '{"__proto__":{"admin":true},')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },

  // Records that violate the standard.
  {
    name: 'record with a given name (identity)',
    target: 'hub-intake',
    request: recordWith((r) => (r['givenName'] = INJECTIONS.canary)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: [INJECTIONS.canary],
  },
  {
    name: 'record with a birth date (identity)',
    target: 'hub-intake',
    request: recordWith((r) => (r['birthDate'] = '1999-05-01')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: ['1999-05-01'],
  },
  {
    name: 'record with an unknown sex',
    target: 'hub-intake',
    request: recordWith((r) => (r['sex'] = 'X')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record with an identity in a code field',
    target: 'hub-intake',
    request: recordWith((r) => (r['citizenship'] = INJECTIONS.canary)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: [INJECTIONS.canary],
  },
  {
    name: 'record with an unknown legal status',
    target: 'hub-intake',
    request: recordWith((r) => (r['legalStatus'] = 'WITNESS')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record with no form of exploitation',
    target: 'hub-intake',
    request: recordWith((r) => (r['exploitation'] = [])),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record with a form twice',
    target: 'hub-intake',
    request: recordWith((r) => (r['exploitation'] = ['SEXUAL', 'SEXUAL'])),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record with an unknown form',
    target: 'hub-intake',
    request: recordWith((r) => (r['exploitation'] = ['SEXUAL', "'; DELETE FROM hub_record; --"])),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record with a labour sector without labour',
    target: 'hub-intake',
    request: recordWith((r) => ((r['exploitation'] = ['SEXUAL']), (r['labourSector'] = 'C'))),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'offender with a registering organisation',
    target: 'hub-intake',
    request: recordWith((r) => ((r['legalStatus'] = 'CONVICTED'), (r['registeringOrganisation'] = 'POLICE'))),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record without international consent',
    target: 'hub-intake',
    request: recordWith((r) => (r['consent'] = { statistics: true, international: false })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record of another country',
    target: 'hub-intake',
    request: recordWith((r) => (r['country'] = 'DE')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record of another period',
    target: 'hub-intake',
    request: recordWith((r) => (r['period'] = '2025-Q4')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'the same person twice in one legal status',
    target: 'hub-intake',
    request: recordWith((r, p) => Object.assign(r, { ...(p['records'] as Json[])[0], exploitation: ['BEGGING'] })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'pseudonym of the wrong length',
    target: 'hub-intake',
    request: recordWith((r) => (r['pseudonym'] = 'abc')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'SQL injection as pseudonym',
    target: 'hub-intake',
    request: recordWith((r) => (r['pseudonym'] = INJECTIONS.sql)),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'unknown age group',
    target: 'hub-intake',
    request: recordWith((r) => (r['ageGroup'] = 'Y18-25')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'reflection period of 10^12 days',
    target: 'hub-intake',
    request: recordWith((r) => (r['protection'] = { reflectionPeriod: 1e12 })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'negative reflection period',
    target: 'hub-intake',
    request: recordWith((r) => (r['protection'] = { reflectionPeriod: -30 })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'unknown residence permit',
    target: 'hub-intake',
    request: recordWith((r) => (r['protection'] = { residencePermit: 'GOLDEN_VISA' })),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'record that is a string',
    target: 'hub-intake',
    request: returnWith((p) => ((p['records'] as unknown[])[1] = 'record')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },
  {
    name: 'prototype pollution key in a record',
    target: 'hub-intake',
    request: signedText((kit) => validText(kit).replace('"pseudonym":', '"constructor":{"prototype":{"admin":true}},"pseudonym":')),
    expect: 'INVALID_RETURN',
    field: 'submitReturn',
  },

  // Conflicts with what the hub already holds.
  {
    name: 'replay of an accepted return',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.acceptedReturn.jws),
    expect: 'DUPLICATE',
    field: 'submitReturn',
  },
  {
    name: 'stale revision',
    target: 'hub-intake',
    request: (kit) => returnRequest(kit.austria.sign(kit.austria.buildReturn('2025-Q1', { revision: 2 }), RETURN_TYPE)),
    expect: 'STALE_REVISION',
    field: 'submitReturn',
  },
  {
    name: 'returnId of another node',
    target: 'hub-intake',
    request: (kit) =>
      returnRequest(kit.germany.sign(kit.germany.buildReturn(FRESH_PERIOD, { returnId: kit.acceptedReturn.returnId }), RETURN_TYPE)),
    expect: 'RETURN_ID_CONFLICT',
    field: 'submitReturn',
  },

  // Revocation notices.
  {
    name: 'revocation: malformed JWS',
    target: 'hub-intake',
    request: () => revocationRequest('a.b'),
    expect: 'MALFORMED',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: a return posted as a notice',
    target: 'hub-intake',
    request: (kit) => revocationRequest(kit.acceptedReturn.jws),
    expect: 'WRONG_TYPE',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: alg none',
    target: 'hub-intake',
    request: (kit) =>
      revocationRequest(
        `${base64url(JSON.stringify({ alg: 'none', typ: REVOCATION_TYPE, kid: kit.austria.kid, iat: 1 }))}.${base64url('{}')}.`,
      ),
    expect: 'UNSUPPORTED_ALGORITHM',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: forged by a stranger',
    target: 'hub-intake',
    request: (kit) => revocationRequest(kit.stranger.sign(kit.stranger.revocation([kit.stranger.pseudonym('x')]), REVOCATION_TYPE)),
    expect: 'UNKNOWN_KEY',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: no pseudonyms',
    target: 'hub-intake',
    request: noticeWith((n) => (n['pseudonyms'] = [])),
    expect: 'INVALID_NOTICE',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: SQL injection as pseudonym',
    target: 'hub-intake',
    request: noticeWith((n) => (n['pseudonyms'] = [INJECTIONS.sql])),
    expect: 'INVALID_NOTICE',
    field: 'submitRevocation',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'revocation: wildcard as pseudonym',
    target: 'hub-intake',
    request: noticeWith((n) => (n['pseudonyms'] = ['%'])),
    expect: 'INVALID_NOTICE',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: identity beside the pseudonyms',
    target: 'hub-intake',
    request: noticeWith((n) => (n['familyName'] = INJECTIONS.canary)),
    expect: 'INVALID_NOTICE',
    field: 'submitRevocation',
    mustNotEcho: [INJECTIONS.canary],
  },
  {
    name: 'revocation: naming another node',
    target: 'hub-intake',
    request: noticeWith((n) => (n['nodeId'] = 'node-de')),
    expect: 'NODE_MISMATCH',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: another country',
    target: 'hub-intake',
    request: noticeWith((n) => (n['country'] = 'DE')),
    expect: 'COUNTRY_NOT_ALLOWED',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: unknown country',
    target: 'hub-intake',
    request: noticeWith((n) => (n['country'] = 'XX')),
    expect: 'INVALID_NOTICE',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: issuedAt that is not a date',
    target: 'hub-intake',
    request: noticeWith((n) => (n['issuedAt'] = '1st of May')),
    expect: 'INVALID_NOTICE',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: duplicate keys (pseudonyms twice)',
    target: 'hub-intake',
    request: (kit) => {
      const text = JSON.stringify(kit.austria.revocation([kit.austria.pseudonym('AT-91')])).replace(
        '"pseudonyms":',
        '"pseudonyms":[],"pseudonyms":',
      );
      return revocationRequest(kit.austria.signText(text, { alg: 'EdDSA', typ: REVOCATION_TYPE, kid: kit.austria.kid, iat: nowSeconds() }));
    },
    expect: 'MALFORMED',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: replay of an accepted notice',
    target: 'hub-intake',
    request: (kit) => revocationRequest(kit.acceptedNotice.jws),
    expect: 'DUPLICATE',
    field: 'submitRevocation',
  },
  {
    name: 'revocation: noticeId of another node',
    target: 'hub-intake',
    request: (kit) =>
      revocationRequest(
        kit.germany.sign(
          kit.germany.revocation([kit.germany.pseudonym('DE-1')], { noticeId: kit.acceptedNotice.noticeId }),
          REVOCATION_TYPE,
        ),
      ),
    expect: 'NOTICE_ID_CONFLICT',
    field: 'submitRevocation',
  },
];
