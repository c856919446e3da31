/**
 * Benchmark 3, figures: a typical `figures` query (one dataset, 30 countries, 8 quarters, one breakdown: 1 200 cells)
 * sent by 50 concurrent connections (autocannon) to three servers side by side, each a child process:
 *   1. the real hub (`dist/apps/hub/src/main.js`, production settings, serving a published release from its database),
 *      warm: the answer is in its figures cache; in the cells form and in the compact form;
 *   2. a bare Apollo Server answering the same bytes from a constant (no Nest, no auth, no database);
 *   3. a plain `node:http` server writing the same bytes from memory: the physical limit.
 * Then a cold run: 1 000 distinct filters, each asked once (nothing cached), compact form. Every warm answer is checked
 * against the first one (autocannon's expectBody); every cold answer must be HTTP 200 without errors.
 *   node dist/scripts/bench/figures.bench.js
 *     [--duration 20] [--connections 50] [--records 100000] [--embedded]
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { OBSERVATORY_AUDIENCE, Role } from '#app/auth';
import { numberArgument, printRatio, printTable } from './bench-kit.js';
import { startBenchHub } from './bench-hub.js';
import { BenchNode, REGISTER_NODE } from './bench-node.js';
import { BENCH_COUNTRY_WEIGHTS, BENCH_QUARTERS } from './bench-records.js';
import { RecordLoader } from './record-loader.js';

const SEED = 20_263;
const BENCH_ISSUER = 'thb-bench-issuer';
const WARM_TARGET = 0.5;
const COLD_TARGET = 3;
const P99_TARGET_MS = 50;
const WARM_UP_SECONDS = 3;
const COLD_REQUESTS = 1_000;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');

/** What a client of the figures API typically asks for: cells with codes, values and flags, labels once per table. */
const FIGURES_QUERY = `query Figures($filter: FigureFilter) {
  figures(dataset: "victims_sex_age", filter: $filter) {
    dataset release releasedAt title unit disclosureMethod
    dimensions { id label codes { code label } }
    cells { dimensions { dimension code } value flags noteIds }
    notes { id text }
    flagLabels { flag label }
  }
}`;

/** The same table in the compact form: dimensions once, then values and flags as flat row-major arrays. */
const COMPACT_QUERY = `query Figures($filter: FigureFilter) {
  figures(dataset: "victims_sex_age", filter: $filter) {
    dataset release releasedAt title unit disclosureMethod
    dimensions { id label codes { code label } }
    values flags cellNoteIds
    notes { id text }
    flagLabels { flag label }
  }
}`;

const COUNTRIES = BENCH_COUNTRY_WEIGHTS.map(([country]) => country);
const SEXES = ['F', 'M', 'OTHER', 'UNK', 'TOTAL'];
const FILTER = { geo: COUNTRIES, time: [...BENCH_QUARTERS], sex: SEXES, leg_stat: ['TOTAL'], age: ['TOTAL'] };
const EXPECTED_CELLS = FILTER.geo.length * FILTER.time.length * FILTER.sex.length;

interface LoadResult {
  readonly server: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly megabytesPerSecond: number;
  readonly total: number;
  readonly failures: number;
}

async function main(): Promise<void> {
  const duration = numberArgument('duration', 20);
  const connections = numberArgument('connections', 50);
  const records = numberArgument('records', 100_000);

  // Set-up in this process: records loaded and a release published through the hub's API; then the hub stops and a
  // hub of its own, started as in production, serves the same database.
  const setup = await startBenchHub('figures', {});
  const { scratch, database } = setup;
  let issuer: BenchIssuer;
  try {
    const node = await BenchNode.create('node-bench', COUNTRIES, SEED);
    await setup.graphql(REGISTER_NODE, node.registration, setup.adminToken);
    const loader = await RecordLoader.open(setup, node, {
      seed: SEED,
      countries: BENCH_COUNTRY_WEIGHTS,
      periods: BENCH_QUARTERS,
      recurrence: 0.1,
    });
    await loader.growTo(records);
    await setup.graphql('mutation { publishRelease(note: "figures benchmark") { number } }', {}, setup.adminToken);
    issuer = await benchIssuer(join(scratch.dataDir, 'bench-issuer'));
  } catch (error) {
    await setup.close();
    throw error;
  }
  await setup.close({ keepDatabase: true });

  const children: ChildProcess[] = [];
  try {
    const hub = await startChild(
      [join(repoRoot, 'dist', 'apps', 'hub', 'src', 'main.js')],
      hubEnvironment(scratch.url, scratch.dataDir, issuer.jwksFile),
      (line) => (line.includes('"listening"') ? (JSON.parse(line) as { url: string }).url : undefined),
    );
    children.push(hub.child);
    const hubUrl = `${hub.url.replace('[::1]', '127.0.0.1')}/graphql`;
    const body = JSON.stringify({ query: FIGURES_QUERY, variables: { filter: FILTER } });
    const compactBody = JSON.stringify({ query: COMPACT_QUERY, variables: { filter: FILTER } });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${issuer.researcherToken}` };
    const hubAnswer = await checkedAnswer(hubUrl, body, headers);
    const compactAnswer = await checkedAnswer(hubUrl, compactBody, headers);

    const answerFile = join(scratch.dataDir, 'figures-answer.json');
    await writeFile(answerFile, JSON.stringify(JSON.parse(hubAnswer).data));
    const answerBytesFile = join(scratch.dataDir, 'figures-answer.bytes');
    await writeFile(answerBytesFile, hubAnswer);
    const bare = await startChild(
      [join(here, 'figures-bare-server.js'), answerFile, join(repoRoot, 'schemas', 'hub.graphql')],
      { ...process.env, NODE_ENV: 'production' },
      listeningUrl,
    );
    children.push(bare.child);
    const bareAnswer = await checkedAnswer(bare.url, body, { 'content-type': 'application/json' });
    if (!isDeepStrictEqual(JSON.parse(bareAnswer), JSON.parse(hubAnswer))) {
      throw new Error('the bare server does not answer what the hub answers');
    }
    const plain = await startChild([join(here, 'figures-plain-server.js'), answerBytesFile], process.env, listeningUrl);
    children.push(plain.child);
    const plainAnswer = await checkedAnswer(plain.url, body, { 'content-type': 'application/json' });
    if (plainAnswer !== hubAnswer) throw new Error('the plain server does not write the bytes the hub writes');

    const json = { 'content-type': 'application/json' };
    const plainResult = await load('plain node:http, same bytes from memory', plain.url, body, json, hubAnswer, connections, duration);
    const hubWarm = await load('hub, warm (cached), cells form', hubUrl, body, headers, hubAnswer, connections, duration);
    const hubCompact = await load('hub, warm (cached), compact form', hubUrl, compactBody, headers, compactAnswer, connections, duration);
    const bareResult = await load('bare Apollo Server, constant, cells form', bare.url, body, json, bareAnswer, connections, duration);
    const hubCold = await coldLoad('hub, cold (1 000 distinct filters), compact', hubUrl, headers, connections);
    const hubPeakMiB = await peakResidentMiB(hub.child.pid);

    const results = [plainResult, hubWarm, hubCompact, bareResult, hubCold];
    printTable(
      `Figures: ${EXPECTED_CELLS.toLocaleString('en')} cells (cells form ${(hubAnswer.length / 1024).toFixed(0)} KiB, compact ` +
        `${(compactAnswer.length / 1024).toFixed(0)} KiB), ${connections} connections, ${duration} s each (${database})`,
      results.map((result) => ({
        server: result.server,
        'requests/s': result.requestsPerSecond.toFixed(0),
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        'max ms': result.max,
        'MB/s': result.megabytesPerSecond.toFixed(1),
        requests: result.total,
        'failed or wrong': result.failures,
      })),
    );
    for (const result of [hubWarm, hubCompact]) {
      const met = result.total > 0 && result.p99 < P99_TARGET_MS;
      process.stdout.write(`
${result.server}: p99 ${result.p99} ms, target < ${P99_TARGET_MS} ms ${met ? 'TARGET MET' : 'TARGET MISSED'}`);
    }
    process.stdout.write(`
peak memory of the hub process ${hubPeakMiB ?? 'n/a'} MiB
`);
    if (results.some((result) => result.failures > 0)) throw new Error('some answers failed or differed from the expected answer');
    printRatio(`figures warm hub/plain-http (${database})`, hubWarm.requestsPerSecond / plainResult.requestsPerSecond, WARM_TARGET, true);
    printRatio(`figures cold hub/bare-apollo (${database})`, hubCold.requestsPerSecond / bareResult.requestsPerSecond, COLD_TARGET, true);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))),
    );
    await scratch.dispose();
  }
}

function listeningUrl(line: string): string | undefined {
  return line.startsWith('{"listening"') ? (JSON.parse(line) as { listening: string }).listening : undefined;
}

/** Distinct filters a research team would loop over: country subsets, periods and breakdowns, none asked twice. */
function distinctFilters(count: number): object[] {
  const filters = new Map<string, object>();
  for (let index = 0; filters.size < count; index += 1) {
    const size = 1 + (index % COUNTRIES.length);
    const offset = Math.floor(index / COUNTRIES.length) % COUNTRIES.length;
    const geo = Array.from({ length: size }, (_, at) => COUNTRIES[(offset + at) % COUNTRIES.length]!);
    const quarters = BENCH_QUARTERS.slice(0, 1 + (Math.floor(index / (COUNTRIES.length * COUNTRIES.length)) % BENCH_QUARTERS.length));
    const filter = { geo, time: [...quarters], sex: SEXES, leg_stat: ['TOTAL'], age: ['TOTAL'] };
    filters.set(JSON.stringify(filter), filter);
  }
  return [...filters.values()];
}

/** Each of `COLD_REQUESTS` distinct requests sent once, `connections` at a time. */
async function coldLoad(server: string, url: string, headers: Record<string, string>, connections: number): Promise<LoadResult> {
  const bodies = distinctFilters(COLD_REQUESTS).map((filter) => JSON.stringify({ query: COMPACT_QUERY, variables: { filter } }));
  let next = 0;
  let wrong = 0;
  const result = await autocannon({
    url,
    connections,
    amount: bodies.length,
    timeout: 120,
    requests: [
      {
        method: 'POST',
        headers,
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
        onResponse: (status, responseBody) => {
          if (status !== 200 || responseBody.includes('"errors"')) wrong += 1;
        },
      },
    ],
  });
  return {
    server,
    requestsPerSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    megabytesPerSecond: result.throughput.average / 1e6,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + wrong,
  };
}

/**
 * The hub as deployed: NODE_ENV=production (which also takes graphql-js off its slower development checks, for the
 * bare server alike), tokens from a configured issuer's key set; the rate limit is lifted, since one token sends
 * every request of the load.
 */
function hubEnvironment(databaseUrl: string | undefined, dataDir: string, jwksFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    AUTH_JWKS_FILE: jwksFile,
    AUTH_ISSUER: BENCH_ISSUER,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  else delete env['DATABASE_URL'];
  return env;
}

interface BenchIssuer {
  readonly jwksFile: string;
  readonly researcherToken: string;
}

/** A token issuer of the benchmark's own (production refuses the development issuer): its key set and one token. */
async function benchIssuer(dir: string): Promise<BenchIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const jwksFile = join(dir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify({ keys: [{ ...publicJwk, kid, alg: 'EdDSA', use: 'sig' }] }));
  const now = Math.floor(Date.now() / 1000);
  const researcherToken = await new SignJWT({ roles: [Role.RESEARCHER], countries: [] })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(BENCH_ISSUER)
    .setAudience(OBSERVATORY_AUDIENCE)
    .setSubject('bench-researcher')
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 3 * 3600)
    .sign(privateKey);
  return { jwksFile, researcherToken };
}

/** Starts a Node child process and waits for the line that gives its URL. */
function startChild(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  urlOf: (line: string) => string | undefined,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--enable-source-maps', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let pending = '';
    let found = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (found) return;
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = urlOf(line.trim());
        if (url !== undefined) {
          found = true;
          resolve({ child, url });
          return;
        }
      }
    });
    child.once('exit', (code) => {
      if (!found) reject(new Error(`${args[0]} stopped (exit ${code}) before it listened`));
    });
  });
}

/** One request, checked: HTTP 200, no GraphQL errors, every cell asked for (cells or compact form). Returns the body as sent. */
async function checkedAnswer(url: string, body: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: { figures?: { cells?: unknown[]; values?: unknown[] } }; errors?: { message: string }[] };
  if (response.status !== 200 || parsed.errors) {
    throw new Error(`${url} answered HTTP ${response.status}: ${parsed.errors?.[0]?.message ?? 'no data'}`);
  }
  const cells = (parsed.data?.figures?.cells ?? parsed.data?.figures?.values)?.length ?? 0;
  if (cells !== EXPECTED_CELLS) throw new Error(`${url} answered ${cells} cells, expected ${EXPECTED_CELLS}`);
  return text;
}

async function load(
  server: string,
  url: string,
  body: string,
  headers: Record<string, string>,
  expectBody: string,
  connections: number,
  duration: number,
): Promise<LoadResult> {
  // A CPU-bound server answering 50 connections at once answers each late; nothing may be cut off as a timeout.
  const options = { url, method: 'POST' as const, headers, body, connections, expectBody, timeout: 120 };
  await autocannon({ ...options, duration: WARM_UP_SECONDS });
  const result = await autocannon({ ...options, duration });
  return {
    server,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    megabytesPerSecond: result.throughput.average / 1e6,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + result.mismatches,
  };
}

/** Peak resident memory of a process (Linux VmHWM), in MiB. */
async function peakResidentMiB(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
