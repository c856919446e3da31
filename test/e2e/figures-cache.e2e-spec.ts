/**
 * The figures cache over real HTTP: a repeated request for released figures is answered from memory with the bytes
 * the server wrote the first time, never to a caller who may not read figures, always charged to the rate limit and
 * written to the access log, and never after the release, metadata or population table it was computed from changed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { DevIssuer, OBSERVATORY_AUDIENCE, Role } from '#app/auth';
import type { CountryCode } from '#app/standard';
import { startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

const FIGURES = `query F($filter: FigureFilter, $release: Int) {
  figures(dataset: "victims_sex_age", filter: $filter, release: $release) {
    release notes { id text } cells { dimensions { code } value flags noteIds } values flags cellNoteIds
  }
}`;
const FILTER = { geo: ['AT'], time: ['2026-Q1'], leg_stat: ['TOTAL'], age: ['TOTAL'] };
const PUBLISH = 'mutation { publishRelease { number } }';
const SET_METADATA = 'mutation M($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { country } }';
const RATE_LIMIT_PER_MINUTE = 40;

interface RawAnswer {
  readonly status: number;
  readonly cache: string | null;
  readonly text: string;
}

describe('figures cache: released answers served again from memory', () => {
  let hub: HubUnderTest;
  let issuer: DevIssuer;
  let researcher: string;
  let node: SimulatedNode;

  /** The request as a client sends it, and the answer as bytes, with the cache header. */
  const post = async (body: unknown, token?: string): Promise<RawAnswer> => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, cache: response.headers.get('x-figures-cache'), text: await response.text() };
  };
  const figuresBody = (variables: Record<string, unknown> = { filter: FILTER }) => ({ query: FIGURES, variables });
  const accessLogRows = async (): Promise<number> =>
    Number((await hub.dataSource.query('SELECT count(*)::int AS rows FROM hub_access_log'))[0].rows);
  const send = async (country: CountryCode, period: string, from: number, count: number, seed: number, revision = 1) => {
    const records = syntheticRecords(node, country, period, syntheticPersons(node, country, from, count), seed);
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, {
      jws: await node.signReturn(node.buildReturn(country, period, records, { revision })),
    });
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
  };

  beforeAll(async () => {
    hub = await startHub('figures-cache', { DISCLOSURE_METHOD: 'NONE', AUTH_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE) });
    issuer = await DevIssuer.loadOrCreate(join(hub.scratch.dataDir, 'dev-issuer'));
    researcher = await issuer.issue({ roles: [Role.RESEARCHER], subject: 'cache-researcher' });
    node = await SimulatedNode.create('node-at', ['AT']);
    expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
    await send('AT', '2026-Q1', 0, 40, 21);
    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers a repeated request from the cache with the same bytes, and logs every access', async () => {
    const logged = await accessLogRows();
    const first = await post(figuresBody(), researcher);
    expect(first).toMatchObject({ status: 200, cache: 'miss' });
    const again = await post(figuresBody(), researcher);
    expect(again).toMatchObject({ status: 200, cache: 'hit' });
    expect(again.text).toBe(first.text);
    // Variables in another key order are the same request.
    const reordered = await post(
      { query: FIGURES, variables: { filter: { age: ['TOTAL'], time: ['2026-Q1'], leg_stat: ['TOTAL'], geo: ['AT'] } } },
      researcher,
    );
    expect(reordered.cache).toBe('hit');
    expect(reordered.text).toBe(first.text);
    expect(await accessLogRows()).toBe(logged + 3);
    const entries: { subject: string; operation: string; dataset: string; release: number }[] = await hub.dataSource.query(
      'SELECT subject, operation, dataset, release_number AS release FROM hub_access_log ORDER BY id DESC LIMIT 3',
    );
    expect(entries).toEqual(
      Array.from({ length: 3 }, () => ({ subject: 'cache-researcher', operation: 'figures', dataset: 'victims_sex_age', release: 1 })),
    );
  });

  it('gives the compact form the same values, flags and notes as the cells, in the same order', async () => {
    const { data } = JSON.parse((await post(figuresBody(), researcher)).text) as {
      data: {
        figures: {
          cells: { value: number | null; flags: string; noteIds: string[] }[];
          values: (number | null)[];
          flags: string[];
          cellNoteIds: string[][];
        };
      };
    };
    const { cells, values, flags, cellNoteIds } = data.figures;
    expect(cells.length).toBeGreaterThan(1);
    expect(values).toEqual(cells.map((cell) => cell.value));
    expect(flags).toEqual(cells.map((cell) => cell.flags));
    expect(cellNoteIds).toEqual(cells.map((cell) => cell.noteIds));
  });

  it('never serves a cached answer to a caller who may not read figures', async () => {
    const cached = await post(figuresBody(), researcher);
    expect(cached.cache).toBe('hit');
    const anonymous = await post(figuresBody());
    expect(anonymous.cache).not.toBe('hit');
    expect(JSON.parse(anonymous.text)).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await new SignJWT({ roles: [Role.RESEARCHER] })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'not-a-key-of-the-hub' })
      .setSubject('cache-forger')
      .setAudience(OBSERVATORY_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    for (const token of [forged, 'not.a.token']) {
      const refused = await post(figuresBody(), token);
      expect(refused.cache).not.toBe('hit');
      expect(refused.text).not.toContain('"cells"');
      expect(JSON.parse(refused.text).errors[0].extensions.code).toMatch(/INVALID_TOKEN|UNKNOWN_SIGNING_KEY/);
    }
  });

  it('charges every cached answer to the rate limit', async () => {
    const greedy = await issuer.issue({ roles: [Role.RESEARCHER], subject: 'cache-greedy' });
    await post(figuresBody(), researcher);
    expect((await post(figuresBody(), researcher)).cache).toBe('hit');
    // Sent at once, so that the bucket barely refills meanwhile.
    const answers = await Promise.all(Array.from({ length: RATE_LIMIT_PER_MINUTE + 10 }, () => post(figuresBody(), greedy)));
    const isRefused = (answer: RawAnswer) => answer.text.includes('"RATE_LIMITED"');
    const served = answers.filter((answer) => answer.status === 200 && !isRefused(answer));
    const refused = answers.filter(isRefused);
    expect(served.length + refused.length).toBe(answers.length);
    expect(served.map((answer) => answer.cache).filter((cache) => cache !== 'hit')).toEqual([]);
    expect(served.length).toBeGreaterThanOrEqual(RATE_LIMIT_PER_MINUTE);
    expect(served.length).toBeLessThanOrEqual(RATE_LIMIT_PER_MINUTE + 2);
    for (const answer of refused) {
      expect(answer.cache).not.toBe('hit');
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    }
  });

  it('keeps nothing across a change of its inputs, and computes the most requested answers again before anyone asks', async () => {
    const releaseOne = JSON.parse((await post(figuresBody(), researcher)).text).data.figures;
    expect(releaseOne.release).toBe(1);
    await send('AT', '2026-Q1', 0, 55, 22, 2);
    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();
    const warmUp = await hub.warmUpSettled();
    expect(warmUp).toMatchObject({ release: 2, interrupted: false });
    expect(warmUp?.datasets).toBeGreaterThan(0);
    expect(warmUp?.answers).toBeGreaterThan(0);

    const logged = await accessLogRows();
    const latest = await post(figuresBody(), researcher);
    // Computed for release 2 by the warm-up: served from the cache, never release 1's answer.
    expect(latest.cache).toBe('hit');
    const releaseTwo = JSON.parse(latest.text).data.figures;
    expect(releaseTwo.release).toBe(2);
    expect(releaseTwo.values).not.toEqual(releaseOne.values);
    // The same answer a caller computes: a request nobody asked before is computed now, and agrees.
    const computed = await post({ query: `${FIGURES}\n`, variables: { filter: FILTER } }, researcher);
    expect(computed.cache).toBe('miss');
    expect(computed.text).toBe(latest.text);
    // The warm-up is not an access: the log has the two callers, with release 2, and nothing of the hub itself.
    const entries: { subject: string; release: number }[] = await hub.dataSource.query(
      'SELECT subject, release_number AS release FROM hub_access_log ORDER BY id DESC LIMIT 2',
    );
    expect(await accessLogRows()).toBe(logged + 2);
    expect(entries).toEqual([
      { subject: 'cache-researcher', release: 2 },
      { subject: 'cache-researcher', release: 2 },
    ]);
    const ownRows: { rows: number }[] = await hub.dataSource.query(
      `SELECT count(*)::int AS rows FROM hub_access_log WHERE subject LIKE 'hub:%'`,
    );
    expect(ownRows[0]?.rows).toBe(0);
    // A release asked for by number still answers that release.
    const pinned = await post(figuresBody({ filter: FILTER, release: 1 }), researcher);
    expect(JSON.parse(pinned.text).data.figures).toEqual(releaseOne);

    const metadata = await hub.graphql(
      SET_METADATA,
      {
        input: {
          country: 'AT',
          validFrom: '2026-Q1',
          legalDefinition: 'NATIONAL_WIDER',
          identificationThreshold: 'AUTHORITY',
          presumedVictimsIncluded: true,
          breakdownsNotCollected: [],
          footnote: 'Counted by the police only.',
        },
      },
      hub.adminToken,
    );
    expect(metadata.errors).toBeUndefined();
    await hub.warmUpSettled();
    const annotated = await post(figuresBody(), researcher);
    expect(annotated.cache).toBe('hit');
    expect(JSON.stringify(JSON.parse(annotated.text).data.figures.notes)).toContain('Counted by the police only.');
    const unasked = await post(figuresBody({ filter: { ...FILTER, leg_stat: ['PRESUMED_VICTIM'] } }), researcher);
    expect(unasked.cache).toBe('miss');
  });

  it('answers a persisted query by GET from the cache, and a revalidation with 304 (still logged)', async () => {
    const sha256Hash = createHash('sha256').update(FIGURES).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const registered = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${researcher}` },
      body: JSON.stringify({ query: FIGURES, variables: { filter: FILTER }, extensions }),
    });
    const registeredText = await registered.text();
    expect(registered.status).toBe(200);
    const entityTag = registered.headers.get('etag');
    expect(entityTag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(registered.headers.get('cache-control')).toBe('private, no-cache');

    const url = `${hub.url}/graphql?${new URLSearchParams({ variables: JSON.stringify({ filter: FILTER }), extensions: JSON.stringify(extensions) })}`;
    const headers = { authorization: `Bearer ${researcher}`, 'apollo-require-preflight': 'true' };
    const byGet = await fetch(url, { headers });
    expect(byGet.status).toBe(200);
    expect(byGet.headers.get('x-figures-cache')).toBe('hit');
    expect(byGet.headers.get('etag')).toBe(entityTag);
    expect(await byGet.text()).toBe(registeredText);

    const logged = await accessLogRows();
    const revalidated = await fetch(url, { headers: { ...headers, 'if-none-match': entityTag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(await accessLogRows()).toBe(logged + 1);
    // Without a token, no 304 either: the tag says nothing to a caller who may not have the answer.
    const anonymous = await fetch(url, { headers: { 'apollo-require-preflight': 'true', 'if-none-match': entityTag! } });
    expect(anonymous.status).not.toBe(304);
    expect((await anonymous.text()).includes('UNAUTHENTICATED')).toBe(true);
  });

  it('caches only released figures: a mutation, a preview or a query with another root field runs every time', async () => {
    const rapporteur = await issuer.issue({ roles: [Role.RAPPORTEUR], countries: ['AT'], subject: 'cache-rapporteur' });
    const preview = {
      query: 'query { previewFigures(dataset: "victims_sex_age", country: "AT") { preview values } }',
    };
    const mixed = { query: `query { releases { number } figures(dataset: "victims_sex_age") { release values } }` };
    for (const [body, token] of [
      [preview, rapporteur],
      [mixed, hub.adminToken],
      [preview, rapporteur],
      [mixed, hub.adminToken],
    ] as const) {
      const answer = await post(body, token);
      expect(answer.status).toBe(200);
      expect(answer.cache).toBeNull();
    }
  });

  it('keeps rendered exports: the same bytes again, logged each time, and never across a release', async () => {
    const url = `${hub.url}/exports/victims_sex_age?format=csv&geo=AT`;
    const logged = await accessLogRows();
    const first = await fetch(url);
    const firstText = await first.text();
    expect({ status: first.status, cache: first.headers.get('x-figures-cache') }).toEqual({ status: 200, cache: 'miss' });
    const again = await fetch(url, { headers: { authorization: `Bearer ${researcher}` } });
    expect({ status: again.status, cache: again.headers.get('x-figures-cache') }).toEqual({ status: 200, cache: 'hit' });
    expect(await again.text()).toBe(firstText);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    // Another format is another export.
    const jsonStat = await fetch(`${hub.url}/exports/victims_sex_age?format=jsonstat&geo=AT`);
    expect(jsonStat.headers.get('x-figures-cache')).toBe('miss');
    await jsonStat.text();
    expect(await accessLogRows()).toBe(logged + 3);

    await send('AT', '2026-Q2', 0, 30, 23);
    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();
    await hub.warmUpSettled();
    const after = await fetch(url);
    const afterText = await after.text();
    expect(after.headers.get('x-figures-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(afterText).not.toBe(firstText);
    expect(afterText).toContain('2026-Q2');
  });
});
