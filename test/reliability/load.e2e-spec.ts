import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DevIssuer, Role } from '#app/auth';
import { createScratchDatabase, type ScratchDatabase } from '#app/database';
import type { CountryCode } from '#app/standard';
import { graphql } from '../../scripts/federation/graphql-client.js';
import { graphqlRequest, returnRequest } from './corpus/corpus-case.js';
import { AppProcess, freePort } from './support/app-process.js';
import { hubSpec, withAppDatabase } from './support/federation-kit.js';
import { hubConsistency, type AcknowledgedReturn } from './support/hub-consistency.js';
import { summariseLatencies } from './support/latency-stats.js';
import { ReliabilityRecorder } from './support/reliability-summary.js';
import { reliabilitySettings } from './support/reliability-settings.js';
import { outcomeOf, post, refusalProblems } from './support/response-hygiene.js';
import { RETURN_TYPE, SigningNode } from './support/signing-node.js';

const settings = reliabilitySettings();
/** 30 reporting countries: the EU 27 and three more, one registered node identity each. */
const COUNTRIES: readonly CountryCode[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'EL',
  'ES',
  'FI',
  'FR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'NO',
  'IS',
  'CH',
];
const CLIENTS = 100;
const PERIODS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'] as const;
const RECORDS_PER_RETURN = settings.long ? 300 : 120;
/**
 * Far above the default per-subject limit (600 a minute): 100 clients asking back to back measure the hub, not the
 * rate limiter, which the bad-input suite tests. The hub's own memory and latency are what is bounded here.
 */
const RATE_LIMIT = '10000000';
/** Resident memory the hub may reach under this load (the embedded database alone idles at 0.6-0.8 GB). */
const MAX_HUB_RSS_BYTES = 3 * 1024 ** 3;
/** Growth allowed between the first and the last quarter of the run: more means memory is not bounded. */
const MAX_HUB_RSS_GROWTH_BYTES = 768 * 1024 ** 2;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe(`reliability: load (${COUNTRIES.length} nodes submitting while ${CLIENTS} clients query figures)`, () => {
  const recorder = new ReliabilityRecorder('load');
  let workDir: string;
  let database: ScratchDatabase;
  let hub: AppProcess | undefined;
  let admin: string;
  let clientTokens: string[] = [];
  let nodes: SigningNode[] = [];
  /** Queries the clients pick from, by index: figures when the hub has them, the release catalogue otherwise. */
  let queries: Array<{ name: string; query: string; variables: (client: number) => Record<string, unknown> }> = [];
  const acknowledged: AcknowledgedReturn[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'thb-reliability-load-'));
    const issuerDir = join(workDir, 'dev-issuer');
    const issuer = await DevIssuer.loadOrCreate(issuerDir);
    admin = await issuer.issue({ roles: [Role.HUB_ADMIN], ttl: '2h' });
    clientTokens = await Promise.all(
      Array.from({ length: CLIENTS }, (_, index) => issuer.issue({ roles: [Role.RESEARCHER], subject: `load-client-${index}`, ttl: '2h' })),
    );
    database = await createScratchDatabase('rel-load-hub');
    hub = await AppProcess.start(
      hubSpec(database, issuerDir, await freePort(), { AUTH_RATE_LIMIT_PER_MINUTE: RATE_LIMIT, LOG_LEVEL: 'warn' }),
    );
    nodes = await Promise.all(COUNTRIES.map((country) => SigningNode.create(`node-${country.toLowerCase()}`, [country])));
    for (const node of nodes) {
      await graphql(
        hub.url,
        'mutation($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }',
        { input: node.registration() },
        admin,
      );
    }
    // Something released before the load starts, so the figures have cells.
    await Promise.all(
      nodes.map(async (node) => {
        const sent = node.buildReturn(PERIODS[0], { count: RECORDS_PER_RETURN, revision: 1 });
        const answer = await post(`${(hub as AppProcess).url}/graphql`, returnRequest(node.sign(sent, RETURN_TYPE)).body, {
          'content-type': 'application/json',
        });
        const outcome = outcomeOf(answer, 'submitReturn');
        if (outcome !== 'ACCEPTED') throw new Error(`seeding ${node.nodeId} was answered ${outcome}`);
        acknowledged.push({ ...sent, recordCount: sent.records.length, unrevoked: true });
      }),
    );
    await graphql(hub.url, 'mutation { publishRelease(note: "before the load") { number } }', {}, admin);
    const { __type: queryType } = await graphql<{ __type: { fields: Array<{ name: string }> } }>(
      hub.url,
      '{ __type(name: "Query") { fields { name } } }',
      {},
      clientTokens[0],
    );
    const geoOf = (client: number) => COUNTRIES[client % COUNTRIES.length] as string;
    queries = queryType.fields.some((field) => field.name === 'figures')
      ? [
          {
            name: 'figures: one country, a year, by sex and age',
            query:
              'query($geo: String!) { figures(dataset: "victims_sex_age", filter: { geo: [$geo], time: ["2025"] }) { release cells { dimensions { dimension code } value flags } } }',
            variables: (client) => ({ geo: geoOf(client) }),
          },
          {
            name: 'figures: a country and the EU, by form of exploitation, with notes',
            query:
              'query($geo: String!) { figures(dataset: "victims_exploitation", filter: { geo: [$geo, "EU27_2020"], time: ["2025-Q1"] }) { cells { value flags noteIds } notes { id text } } }',
            variables: (client) => ({ geo: geoOf(client) }),
          },
          {
            name: 'figures: rates per 100 000 of registered victims',
            query:
              'query($geo: String!) { figures(dataset: "victims_sex_age", measure: RATE_PER_100K, filter: { geo: [$geo], time: ["2025"], sex: ["TOTAL"], age: ["TOTAL"] }) { cells { value flags } } }',
            variables: (client) => ({ geo: geoOf(client) }),
          },
          {
            // Two root fields on "the latest release": one answer must never mix two releases.
            name: 'figures and a comparative report of the latest release in one answer',
            query:
              'query($geo: String!) { figures(dataset: "victims_sex_age", filter: { geo: [$geo], time: ["2025"], sex: ["TOTAL"], age: ["TOTAL"] }) { release values } comparativeReport(dataset: "victims_sex_age", countries: [$geo]) { release } }',
            variables: (client) => ({ geo: geoOf(client) }),
          },
        ]
      : [
          {
            name: 'releases and their datasets',
            query: '{ releases { number publishedAt datasets { dataset cellCount } } }',
            variables: () => ({}),
          },
          {
            name: 'coverage of the latest release',
            query: '{ release(number: 1) { coverage { geo time reported flags } } }',
            variables: () => ({}),
          },
          { name: 'country metadata', query: '{ countryMetadata { country validFrom footnote } }', variables: () => ({}) },
        ];
    recorder.measure(
      'queriesUsed',
      queries.map((query) => query.name),
    );
  }, 600_000);

  afterAll(async () => {
    await hub?.kill();
    await recorder.write();
    await database?.dispose();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }, 120_000);

  it(`serves every request without an error for ${settings.loadSeconds} s, latencies reported, memory bounded, nothing lost`, async () => {
    const running = hub as AppProcess;
    const deadline = Date.now() + settings.loadSeconds * 1000;
    const memory: number[] = [];
    const sampler = setInterval(() => {
      void running.residentBytes().then((bytes) => {
        if (bytes !== undefined) memory.push(bytes);
      });
    }, 500);

    const submissionLatencies: number[] = [];
    const queryLatencies: number[] = [];
    const submissionErrors: string[] = [];
    const queryErrors: string[] = [];
    const revisions = new Map<string, number>(nodes.map((node) => [`${node.country}|${PERIODS[0]}`, 1]));
    const latest = new Map<string, AcknowledgedReturn>();

    const submitter = async (node: SigningNode, index: number) => {
      for (let round = index; Date.now() < deadline; round += 1) {
        const period = PERIODS[round % PERIODS.length] as string;
        const key = `${node.country}|${period}`;
        const revision = (revisions.get(key) ?? 0) + 1;
        const sent = node.buildReturn(period, { count: RECORDS_PER_RETURN - (round % 7), revision, from: round * 3 });
        const started = performance.now();
        try {
          const answer = await post(
            `${running.url}/graphql`,
            returnRequest(node.sign(sent, RETURN_TYPE)).body,
            { 'content-type': 'application/json' },
            120_000,
          );
          submissionLatencies.push(performance.now() - started);
          const outcome = outcomeOf(answer, 'submitReturn');
          if (outcome !== 'ACCEPTED') {
            submissionErrors.push(`${node.nodeId} ${period} r${revision}: ${outcome} ${refusalProblems(answer).join('; ')}`);
            continue;
          }
          revisions.set(key, revision);
          const acknowledgement = { ...sent, recordCount: sent.records.length, unrevoked: true };
          acknowledged.push(acknowledgement);
          latest.set(key, acknowledgement);
        } catch (error) {
          submissionErrors.push(`${node.nodeId} ${period} r${revision}: ${(error as Error).name}`);
        }
      }
    };
    const client = async (clientIndex: number) => {
      const token = clientTokens[clientIndex] as string;
      for (let round = clientIndex; Date.now() < deadline; round += 1) {
        const chosen = queries[round % queries.length] as (typeof queries)[number];
        const started = performance.now();
        try {
          const answer = await post(
            `${running.url}/graphql`,
            graphqlRequest(chosen.query, chosen.variables(round), token).body,
            {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
            },
            120_000,
          );
          queryLatencies.push(performance.now() - started);
          const outcome = outcomeOf(answer);
          if (outcome !== 'OK') queryErrors.push(`${chosen.name}: ${outcome} ${answer.text.slice(0, 200)}`);
          else if (mixesReleases(answer.text)) queryErrors.push(`${chosen.name}: two releases in one answer ${answer.text.slice(0, 200)}`);
        } catch (error) {
          queryErrors.push(`${chosen.name}: ${(error as Error).name}`);
        }
      }
    };
    const publisher = async () => {
      // In the long run the administrator publishes a release in the middle of it all, as on a reporting deadline.
      if (!settings.long) return;
      await sleep((settings.loadSeconds * 1000) / 2);
      try {
        await graphql(running.url, 'mutation { publishRelease(note: "during the load") { number } }', {}, admin);
      } catch (error) {
        submissionErrors.push(`publishRelease: ${(error as Error).message.slice(0, 200)}`);
      }
    };

    const started = performance.now();
    await Promise.all([...nodes.map(submitter), ...Array.from({ length: CLIENTS }, (_, index) => client(index)), publisher()]);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const submissions = summariseLatencies(submissionLatencies, submissionErrors.length, seconds);
    const queriesServed = summariseLatencies(queryLatencies, queryErrors.length, seconds);
    const quarter = Math.max(1, Math.floor(memory.length / 4));
    const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const firstQuarter = average(memory.slice(0, quarter));
    const lastQuarter = average(memory.slice(-quarter));
    const maxRss = Math.max(0, ...memory);
    const mb = (bytes: number) => Math.round(bytes / 1024 ** 2);
    recorder.measure('loadSeconds', Math.round(seconds));
    recorder.measure('submissions', submissions);
    recorder.measure('queries', queriesServed);
    recorder.measure('hubMemoryMB', {
      first: mb(memory[0] ?? 0),
      max: mb(maxRss),
      firstQuarterAverage: mb(firstQuarter),
      lastQuarterAverage: mb(lastQuarter),
    });

    const submissionProblems = [...new Set(submissionErrors)].slice(0, 10);
    if (submissions.count === 0) submissionProblems.push('no submission completed');
    const queryProblems = [...new Set(queryErrors)].slice(0, 10);
    if (queriesServed.count === 0) queryProblems.push('no query completed');
    const memoryProblems: string[] = [];
    if (maxRss > MAX_HUB_RSS_BYTES) memoryProblems.push(`the hub reached ${mb(maxRss)} MB`);
    if (lastQuarter - firstQuarter > MAX_HUB_RSS_GROWTH_BYTES)
      memoryProblems.push(`the hub grew by ${mb(lastQuarter - firstQuarter)} MB during the run`);
    if (!running.alive) memoryProblems.push('the hub died');

    // Nothing lost: the revision in force at the hub is the last one each node had accepted, with its records.
    const lostProblems: string[] = [];
    for (const period of PERIODS) {
      const { submissionStatus } = await graphql<{
        submissionStatus: { countries: Array<{ country: string; revision: number | null; recordCount: number | null }> };
      }>(
        running.url,
        'query($period: Period!) { submissionStatus(period: $period) { countries { country revision recordCount } } }',
        { period },
        admin,
      );
      for (const country of COUNTRIES) {
        const expected =
          latest.get(`${country}|${period}`) ??
          (period === PERIODS[0] ? acknowledged.find((sent) => sent.country === country && sent.period === period) : undefined);
        const atHub = submissionStatus.countries.find((entry) => entry.country === country);
        if (expected !== undefined && (atHub?.revision !== expected.revision || atHub.recordCount !== expected.recordCount)) {
          lostProblems.push(
            `${country} ${period}: hub has r${atHub?.revision} (${atHub?.recordCount} records), node's last accepted r${expected.revision} (${expected.recordCount})`,
          );
        }
      }
    }
    await running.stop();
    const consistency = await withAppDatabase(database, (run) => hubConsistency(run, acknowledged));
    lostProblems.push(...consistency.problems);
    recorder.dataLost(consistency.dataLost);

    recorder.record('load', `${COUNTRIES.length} nodes submitting returns: no error`, submissionProblems);
    recorder.record('load', `${CLIENTS} clients querying: no error`, queryProblems);
    recorder.record('load', 'hub memory bounded', memoryProblems);
    recorder.record('load', 'every accepted return in force at the hub', lostProblems);
    expect({ submissionProblems, queryProblems, memoryProblems, lostProblems }).toEqual({
      submissionProblems: [],
      queryProblems: [],
      memoryProblems: [],
      lostProblems: [],
    });
  }, 900_000);
});

/** Whether an answer's root fields read different releases (each selects `release`). */
function mixesReleases(text: string): boolean {
  const data = (JSON.parse(text) as { data?: Record<string, { release?: number } | null> }).data ?? {};
  const releases = new Set(Object.values(data).flatMap((field) => (typeof field?.release === 'number' ? [field.release] : [])));
  return releases.size > 1;
}
