import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { importJWK, SignJWT, type JWK } from 'jose';
import { Role } from '#app/auth';
import { startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  graphqlRequest,
  INJECTIONS,
  returnRequest,
  revocationRequest,
  type HubCase,
  type HubKit,
  type HubRequest,
} from './corpus/corpus-case.js';
import { FLOOD_CASE, HUB_FIGURES_CASES, HUB_GRAPHQL_CASES } from './corpus/hub-graphql.corpus.js';
import { HUB_HTTP_CASES } from './corpus/hub-http.corpus.js';
import { HUB_INTAKE_CASES } from './corpus/hub-intake.corpus.js';
import { changedTables, fingerprintDatabase, type SqlRunner } from './support/database-fingerprint.js';
import { ReliabilityRecorder } from './support/reliability-summary.js';
import { answerOf, logProblems, outcomeOf, post, refusalProblems, type HttpAnswer } from './support/response-hygiene.js';
import { RETURN_TYPE, REVOCATION_TYPE, SigningNode } from './support/signing-node.js';

/** Small enough that an oversized message costs little to send, large enough for every legitimate case here. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

describe('reliability: bad input to the hub (GraphQL API, signed-message intake, plain HTTP endpoints)', () => {
  const recorder = new ReliabilityRecorder('hub-bad-input');
  let hub: HubUnderTest;
  let kit: HubKit;
  let run: SqlRunner;

  const sendTo = async (baseUrl: string, request: HubRequest): Promise<HttpAnswer> => {
    if (request.method === 'GET') {
      const response = await fetch(`${baseUrl}${request.path ?? '/graphql'}`, {
        headers: { ...request.headers },
        signal: AbortSignal.timeout(60_000),
      });
      return answerOf(response);
    }
    return post(`${baseUrl}${request.path ?? '/graphql'}`, request.body ?? '', { 'content-type': 'application/json', ...request.headers });
  };
  const send = (request: HubRequest): Promise<HttpAnswer> => sendTo(hub.url, request);

  /** Sends one case and lists everything wrong with how it was handled. */
  const tryCase = async (testCase: HubCase): Promise<string[]> => {
    const before = await fingerprintDatabase(run);
    const firstLog = hub.logs.length;
    const answer = await send(await testCase.request(kit));
    const outcome = outcomeOf(answer, testCase.field);
    const after = await fingerprintDatabase(run);
    const refusal = testCase.expect !== 'DUPLICATE';
    return [
      ...(outcome === testCase.expect
        ? []
        : [`expected ${testCase.expect}, got ${outcome} (HTTP ${answer.status}): ${answer.text.slice(0, 300)}`]),
      ...refusalProblems(answer, {
        mustNotEcho: testCase.mustNotEcho ?? [],
        ...(refusal && testCase.field ? { field: testCase.field } : {}),
      }),
      ...changedTables(before, after).map((table) => `table ${table} changed`),
      ...logProblems(hub.logs.slice(firstLog), testCase.mustNotEcho ?? []),
    ];
  };

  beforeAll(async () => {
    // Every anonymous case comes from 127.0.0.1 and shares one bucket; the flood below has a hub of its own.
    hub = await startHub('reliability-bad-input', {
      MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      LOG_LEVEL: 'log',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    run = (sql, parameters) => hub.dataSource.query(sql, parameters);
    const issuerDir = join(hub.scratch.dataDir, 'dev-issuer');
    const issuerPrivateJwk = JSON.parse(await readFile(join(issuerDir, 'private.jwk.json'), 'utf8')) as JWK;
    const issuerPublic = JSON.parse(await readFile(join(issuerDir, 'jwks.json'), 'utf8')) as { keys: Array<{ x: string; kid?: string }> };
    const issuerKey = await importJWK(issuerPrivateJwk, 'EdDSA');
    const issuerKid = issuerPublic.keys[0]?.kid;

    const austria = await SigningNode.create('node-at', ['AT']);
    const germany = await SigningNode.create('node-de', ['DE']);
    const retired = await SigningNode.create('node-fr', ['FR']);
    const stranger = await SigningNode.create('node-xx', ['AT']);
    const must = async <T>(query: string, variables: Record<string, unknown>, field: string): Promise<T> => {
      const answer = await hub.graphql<Record<string, T>>(query, variables, hub.adminToken);
      if (answer.errors !== undefined || answer.data?.[field] === undefined)
        throw new Error(`${field} failed: ${JSON.stringify(answer.errors)}`);
      return answer.data[field] as T;
    };
    for (const node of [austria, germany, retired]) {
      await must(
        'mutation($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }',
        { input: node.registration() },
        'registerNode',
      );
    }
    await must('mutation { retireNode(nodeId: "node-fr") { nodeId } }', {}, 'retireNode');

    const submit = async (jws: string) =>
      (await send(returnRequest(jws))).body as { data?: { submitReturn?: { status: string; receipt: string } } };
    const first = austria.buildReturn('2025-Q1', { count: 40 });
    await submit(austria.sign(first, RETURN_TYPE));
    const revised = austria.buildReturn('2025-Q1', { count: 30, revision: 2 });
    const revisedJws = austria.sign(revised, RETURN_TYPE);
    const receipt = (await submit(revisedJws)).data?.submitReturn?.receipt;
    await submit(germany.sign(germany.buildReturn('2025-Q2', { count: 25 }), RETURN_TYPE));
    const notice = austria.revocation([austria.pseudonym('AT-3'), austria.pseudonym('AT-4')]);
    const noticeJws = austria.sign(notice, REVOCATION_TYPE);
    const revoked = (await send(revocationRequest(noticeJws))).body as { data?: { submitRevocation?: { status: string } } };
    if (receipt === undefined || revoked.data?.submitRevocation?.status !== 'ACCEPTED')
      throw new Error('the corpus hub could not be prepared');
    await must('mutation { publishRelease(note: "before the corpus") { number } }', {}, 'publishRelease');

    kit = {
      tokens: {
        admin: hub.adminToken,
        researcher: await hub.token([Role.RESEARCHER]),
        rapporteur: await hub.token([Role.RAPPORTEUR], ['AT']),
        flooder: await new SignJWT({ roles: [Role.RESEARCHER], countries: [] })
          .setProtectedHeader({ alg: 'EdDSA', kid: issuerKid, typ: 'JWT' })
          .setIssuer('thb-observatory-dev')
          .setAudience('thb-observatory')
          .setSubject('flooder')
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(issuerKey),
      },
      issuerToken: async (claims, header = {}) => {
        const defined = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
        return new SignJWT(defined).setProtectedHeader({ alg: 'EdDSA', kid: issuerKid, typ: 'JWT', ...header }).sign(issuerKey);
      },
      issuerPublicJwk: issuerPublic.keys[0] as HubKit['issuerPublicJwk'],
      austria,
      germany,
      stranger,
      retired,
      acceptedReturn: { jws: revisedJws, returnId: revised.returnId },
      acceptedNotice: { jws: noticeJws, noticeId: notice.noticeId },
      hubReceipt: receipt,
      maxMessageBytes: MAX_MESSAGE_BYTES,
    };
  });

  afterAll(async () => {
    await recorder.write();
    await hub?.close();
  });

  describe.each([
    ['GraphQL API', HUB_GRAPHQL_CASES],
    ['figures API', HUB_FIGURES_CASES],
    ['signed-message intake', HUB_INTAKE_CASES],
    ['plain HTTP endpoints', HUB_HTTP_CASES],
  ] as const)('%s', (_title, cases) => {
    it.each(cases.map((testCase) => [`${testCase.target}: ${testCase.name} -> ${testCase.expect}`, testCase] as const))(
      '%s',
      async (_name, testCase) => {
        const problems = await tryCase(testCase);
        recorder.record(testCase.target, testCase.name, problems);
        expect(problems).toEqual([]);
      },
    );
  });

  describe('rate limiting', () => {
    /** Small, so the flood is a few seconds of requests even on a loaded machine (refill is one a second). */
    const FLOOD_BUCKET = 60;
    let floodHub: HubUnderTest;
    let floodRun: SqlRunner;

    beforeAll(async () => {
      floodHub = await startHub('reliability-flood', { AUTH_RATE_LIMIT_PER_MINUTE: String(FLOOD_BUCKET), LOG_LEVEL: 'warn' });
      floodRun = (sql, parameters) => floodHub.dataSource.query(sql, parameters);
    });

    afterAll(async () => {
      await floodHub?.close();
    });

    it('rate-limits a flood from one token, answering the others as before and changing nothing', async () => {
      const before = await fingerprintDatabase(floodRun);
      const floodKit: HubKit = {
        ...kit,
        tokens: { ...kit.tokens, flooder: floodHub.adminToken, researcher: await floodHub.token([Role.RESEARCHER]) },
      };
      const request = await FLOOD_CASE.request(floodKit);
      const sendToFloodHub = (): Promise<HttpAnswer> => sendTo(floodHub.url, request);
      const outcomes: string[] = [];
      const problems: string[] = [];
      // Two and a half buckets, 50 at a time.
      for (let sent = 0; sent < FLOOD_BUCKET * 2.5; sent += 50) {
        const answers = await Promise.all(Array.from({ length: 50 }, sendToFloodHub));
        for (const answer of answers) {
          outcomes.push(outcomeOf(answer));
          if (outcomeOf(answer) !== 'OK') problems.push(...refusalProblems(answer));
        }
      }
      if (outcomes.at(-1) !== FLOOD_CASE.expect) problems.push(`expected the last answer ${FLOOD_CASE.expect}, got ${outcomes.at(-1)}`);
      if (!outcomes.includes('OK')) problems.push('no request of the flood was served');
      const unexpected = [...new Set(outcomes.filter((outcome) => outcome !== 'OK' && outcome !== 'RATE_LIMITED'))];
      if (unexpected.length > 0) problems.push(`unexpected outcomes ${unexpected.join(', ')}`);
      const researcher = graphqlRequest('{ releases { number } }', undefined, floodKit.tokens.researcher);
      const researcherStillServed = outcomeOf(await sendTo(floodHub.url, researcher));
      if (researcherStillServed !== 'OK') problems.push(`another token was refused after the flood: ${researcherStillServed}`);
      problems.push(...changedTables(before, await fingerprintDatabase(floodRun)).map((table) => `table ${table} changed`));
      recorder.record(FLOOD_CASE.target, FLOOD_CASE.name, [...new Set(problems)]);
      expect([...new Set(problems)]).toEqual([]);
    });
  });

  it('keeps injection strings in free text verbatim, touching only the table of the change', async () => {
    const problems: string[] = [];
    for (const [kind, text] of Object.entries(INJECTIONS).filter(([kind]) => kind !== 'nul' && kind !== 'loneSurrogate')) {
      const before = await fingerprintDatabase(run);
      const stored = await hub.graphql<{ setCountryMetadata: { footnote: string } }>(
        'mutation($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { footnote } }',
        {
          input: {
            country: 'DE',
            validFrom: '2025-Q1',
            legalDefinition: 'PALERMO',
            identificationThreshold: 'AUTHORITY',
            presumedVictimsIncluded: false,
            breakdownsNotCollected: [],
            footnote: text,
          },
        },
        kit.tokens.admin,
      );
      const read = await hub.graphql<{ countryMetadata: Array<{ footnote: string | null }> }>(
        '{ countryMetadata(country: "DE") { footnote } }',
        {},
        kit.tokens.researcher,
      );
      const problemsOfKind = [
        ...(stored.errors === undefined ? [] : [`refused: ${JSON.stringify(stored.errors)}`]),
        ...(read.data?.countryMetadata[0]?.footnote === text ? [] : ['not read back verbatim']),
        ...changedTables(before, await fingerprintDatabase(run))
          .filter((table) => table !== 'hub_country_metadata')
          .map((table) => `table ${table} changed`),
      ];
      recorder.record('hub-graphql', `free-text footnote keeps ${kind} verbatim`, problemsOfKind);
      problems.push(...problemsOfKind.map((problem) => `${kind}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it('has a corpus of at least 150 cases, each with a stable code', () => {
    const cases = [...HUB_GRAPHQL_CASES, ...HUB_FIGURES_CASES, ...HUB_INTAKE_CASES, ...HUB_HTTP_CASES];
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
    for (const testCase of cases) expect(testCase.expect).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });
});
