/**
 * The README's main job: a hub and three national nodes (AT, CH, CA) as separate processes, each with its own
 * embedded database and key folder under .data/ (created on first run, kept between runs; `--reset` starts from
 * scratch). On first run it loads synthetic cases into each node, registers the nodes, submits every quarter's
 * return over signed HTTP, waits for the receipts and publishes a release. Ctrl-C stops every process.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevIssuer, Role } from '#app/auth';
import { nodePublicKey } from '#app/crypto';
import { parsePeriod } from '#app/standard';
import { csvLine, quartersBetween, syntheticCases, TEMPLATE_HEADER } from './synthetic/synthetic-cases.js';
import { CTDC_FILE, CTDC_NODES, DEFAULT_NODES, FIRST_PERIOD, HUB_PORT, LAST_PERIOD, type NodePlan } from './federation/federation-plan.js';
import { splitCtdc } from './split-ctdc.js';
import { graphql, GraphQLRequestError } from './federation/graphql-client.js';
import { Supervisor } from './federation/supervisor.js';

const ctdcMode = process.argv.includes('--ctdc');
// The CTDC demonstration keeps its own data folder, so it never mixes with the synthetic federation.
const dataRoot = resolve(process.env.FEDERATION_DATA_DIR ?? (ctdcMode ? '.data/ctdc-federation' : '.data'));
const plannedNodes = ctdcMode ? CTDC_NODES : DEFAULT_NODES;
/** Years of the CTDC subset: each node returns one year-only period per year (CTDC registrations carry a year). */
const ctdcYears = Array.from({ length: 2018 - 2002 + 1 }, (_, index) => String(2002 + index));
let ctdcCounts: Record<string, number> = {};
const distRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const started = Date.now();

function say(line: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function main(): Promise<void> {
  if (process.argv.includes('--reset')) {
    await rm(dataRoot, { recursive: true, force: true });
    say(`removed ${dataRoot}`);
  }
  await mkdir(dataRoot, { recursive: true });
  const issuerDir = join(dataRoot, 'dev-issuer');
  const issuer = await DevIssuer.loadOrCreate(issuerDir);
  const commonEnv = { DEV_ISSUER_DIR: issuerDir, DATABASE_URL: undefined, NODE_ENV: 'development' };

  const supervisor = new Supervisor();
  const stop = () => {
    process.stdout.write('\nStopping every process...\n');
    void supervisor.stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  // First run: each node's cases are imported before the node starts (the import opens the node's database itself).
  if (ctdcMode) {
    const summary = await splitCtdc(resolve(CTDC_FILE), join(dataRoot, 'ctdc'), new Set(plannedNodes.map((node) => node.country)));
    ctdcCounts = summary.perCountry;
  }
  await Promise.all(plannedNodes.map((node) => seedNode(node)));

  const hubUrl = await supervisor.start({
    name: 'hub',
    entry: 'apps/hub/src/main.js',
    port: HUB_PORT,
    env: { ...commonEnv, DATA_DIR: join(dataRoot, 'hub') },
  });
  say(`hub ready at ${hubUrl}`);
  const hubJwksFile = join(dataRoot, 'hub-jwks.json');
  await writeFile(hubJwksFile, await (await fetch(`${hubUrl}/.well-known/jwks.json`)).text());

  const admin = await issuer.issue({ roles: [Role.HUB_ADMIN], ttl: '12h' });
  const nodeUrls = await Promise.all(
    plannedNodes.map(async (node) => {
      const nodeDir = join(dataRoot, node.nodeId);
      const { publicJwk } = await nodePublicKey({ keyDir: join(nodeDir, 'keys') });
      await registerNode(hubUrl, admin, node, JSON.stringify(publicJwk));
      const url = await supervisor.start({
        name: node.nodeId,
        entry: 'apps/node/src/main.js',
        port: node.port,
        env: {
          ...commonEnv,
          DATA_DIR: nodeDir,
          NODE_ID: node.nodeId,
          NODE_COUNTRY: node.country,
          HUB_URL: hubUrl,
          HUB_JWKS_FILE: hubJwksFile,
          OUTBOX_POLL_INTERVAL_MS: '250',
          OUTBOX_BASE_DELAY_MS: '250',
        },
      });
      say(`${node.nodeId} (${node.country}) ready at ${url}`);
      return { node, url };
    }),
  );

  const releases = await graphql<{ releases: { number: number }[] }>(hubUrl, '{ releases { number } }', {}, admin);
  if (releases.releases.length === 0) {
    for (const { node, url } of nodeUrls) {
      const rapporteur = await issuer.issue({ roles: [Role.RAPPORTEUR], countries: [node.country], ttl: '1h' });
      const withoutData: string[] = [];
      let signed = 0;
      for (const period of ctdcMode ? ctdcYears : submittedPeriods()) {
        try {
          await graphql(url, 'mutation($period: Period!) { submitReturn(period: $period) { returnId } }', { period }, rapporteur);
          signed += 1;
        } catch (error) {
          // A period the node holds nothing for is not a true zero: left out, it publishes as not available (`:`).
          if (!(error instanceof GraphQLRequestError && error.code === 'ZERO_NOT_CONFIRMED')) throw error;
          withoutData.push(period);
        }
      }
      await waitForDelivery(url, rapporteur);
      say(
        `${node.nodeId}: ${signed} returns signed, delivered and receipted` +
          (withoutData.length > 0 ? ` (nothing held for ${withoutData.join(', ')}: not available, not zero)` : ''),
      );
    }
    const published = await graphql<{ publishRelease: { number: number } }>(
      hubUrl,
      'mutation { publishRelease(note: "First release of the federation on one machine") { number } }',
      {},
      admin,
    );
    say(`release ${published.publishRelease.number} published`);
  } else {
    say(`reusing the data of the last run (latest release ${releases.releases[0]!.number}); --reset starts from scratch`);
  }
  if (ctdcMode) await printCtdcComparison(hubUrl, issuer);
  await printWelcome(hubUrl, nodeUrls, issuer);
}

function submittedPeriods(): string[] {
  return quartersBetween(FIRST_PERIOD, LAST_PERIOD);
}

async function seedNode(node: NodePlan): Promise<void> {
  const nodeDir = join(dataRoot, node.nodeId);
  const marker = join(nodeDir, 'cases.imported');
  if (await exists(marker)) return;
  await mkdir(nodeDir, { recursive: true });
  const file = ctdcMode ? join(dataRoot, 'ctdc', `ctdc-${node.country}.csv`) : join(nodeDir, 'synthetic-cases.csv');
  if (!ctdcMode) await writeSyntheticCases(node, file);
  const importArguments = ctdcMode
    ? ['--format', 'ctdc', '--consent', 'international', '--id-prefix', `ctdc-${node.country}-`, file]
    : ['--format', 'template', file];
  const child = spawn(process.execPath, [join(distRoot, 'scripts', 'node-import.js'), ...importArguments], {
    env: { ...process.env, DATA_DIR: nodeDir, NODE_ID: node.nodeId, NODE_COUNTRY: node.country, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let report = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${node.nodeId}: import of synthetic cases failed (exit ${code})`);
  const summary = JSON.parse(report) as { accepted?: number; report?: { accepted?: number } };
  await writeFile(marker, new Date().toISOString());
  say(`${node.nodeId}: ${summary.report?.accepted ?? summary.accepted ?? '?'} ${ctdcMode ? 'CTDC' : 'synthetic'} cases imported`);
}

async function writeSyntheticCases(node: NodePlan, file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(csvLine(TEMPLATE_HEADER));
  for (const row of syntheticCases({
    country: node.country,
    count: node.cases,
    firstPeriod: FIRST_PERIOD,
    lastPeriod: LAST_PERIOD,
    seed: node.seed,
  })) {
    if (!out.write(csvLine(TEMPLATE_HEADER.map((column) => row[column])))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Published totals per country (sum of the yearly grand totals, protected) next to the rows counted in the file. */
async function printCtdcComparison(hubUrl: string, issuer: DevIssuer): Promise<void> {
  const researcher = await issuer.issue({ roles: [Role.RESEARCHER], ttl: '1h' });
  const rows: string[] = [
    '',
    'CTDC subset: registered victims per country, published (protected) vs counted in the file',
    '  country  file rows  published  difference',
  ];
  for (const node of plannedNodes) {
    const { figures } = await graphql<{ figures: { cells: { value: number | null }[] } }>(
      hubUrl,
      'query($geo: [String!], $time: [String!]) { figures(dataset: "victims_sex_age", filter: { geo: $geo, time: $time, leg_stat: ["TOTAL"], sex: ["TOTAL"], age: ["TOTAL"] }) { cells { value } } }',
      { geo: [node.country], time: ctdcYears },
      researcher,
    );
    const published = figures.cells.reduce((sum, cell) => sum + (cell.value ?? 0), 0);
    const counted = ctdcCounts[node.country] ?? 0;
    rows.push(
      `  ${node.country.padEnd(7)}  ${String(counted).padStart(9)}  ${String(published).padStart(9)}  ${String(published - counted).padStart(10)}`,
    );
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

async function registerNode(hubUrl: string, admin: string, node: NodePlan, publicJwk: string): Promise<void> {
  try {
    await graphql(
      hubUrl,
      'mutation($input: RegisterNodeInput!) { registerNode(input: $input) { nodeId } }',
      { input: { nodeId: node.nodeId, countries: [node.country], publicJwk } },
      admin,
    );
  } catch (error) {
    // Registered on an earlier run with the same key: nothing to do.
    if (!(error instanceof GraphQLRequestError && /ALREADY|EXISTS|DUPLICATE/.test(error.code ?? ''))) throw error;
  }
}

async function waitForDelivery(nodeUrl: string, token: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { outbox } = await graphql<{ outbox: { state: string; lastErrorCode: string | null }[] }>(
      nodeUrl,
      '{ outbox(states: [PENDING, SENDING, DELIVERED]) { state lastErrorCode } }',
      {},
      token,
    );
    if (outbox.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${nodeUrl}: ${outbox.length} messages not receipted (${outbox[0]!.lastErrorCode ?? outbox[0]!.state})`);
    await new Promise((done) => setTimeout(done, 300));
  }
}

async function printWelcome(hubUrl: string, nodes: { node: NodePlan; url: string }[], issuer: DevIssuer): Promise<void> {
  const [first] = nodes;
  const tokens = {
    HUB_ADMIN: await issuer.issue({ roles: [Role.HUB_ADMIN], ttl: '12h' }),
    RESEARCHER: await issuer.issue({ roles: [Role.RESEARCHER], ttl: '12h' }),
    INTERNATIONAL_BODY: await issuer.issue({ roles: [Role.INTERNATIONAL_BODY], ttl: '12h' }),
    [`RAPPORTEUR (${first!.node.country})`]: await issuer.issue({ roles: [Role.RAPPORTEUR], countries: [first!.node.country], ttl: '12h' }),
    [`STEWARD (${first!.node.country})`]: await issuer.issue({ roles: [Role.STEWARD], countries: [first!.node.country], ttl: '12h' }),
  };
  // One-time sign-in links of the node consoles, per node and console role (a code works once and for an hour at most).
  const consoleLinks = (
    await Promise.all(
      nodes.map(({ node, url }) =>
        Promise.all(
          [Role.RAPPORTEUR, Role.STEWARD].map(async (role) => {
            const code = await issuer.issue({
              roles: [role],
              countries: [node.country],
              subject: `${role.toLowerCase()}-${node.country.toLowerCase()}`,
              ttl: '1h',
            });
            return `  ${`${node.nodeId} ${role.toLowerCase()}`.padEnd(20)} ${url}/console/sign-in?code=${code}`;
          }),
        ),
      ),
    )
  ).flat();
  const year = ctdcMode ? '2017' : String(parsePeriod(LAST_PERIOD).year);
  const geo = nodes.map(({ node }) => `"${node.country}"`).join(', ');
  const exampleQuery = `{ figures(dataset: "victims_sex_age", filter: { geo: [${geo}], time: ["${year}"] }) { release measure cells { dimensions { dimension code } value flags } } }`;
  const lines = [
    '',
    `The federation is running (${((Date.now() - started) / 1000).toFixed(0)} s). Ctrl-C stops every process.`,
    '',
    `  hub GraphQL        ${hubUrl}/graphql`,
    ...nodes.map(({ node, url }) => `  ${node.nodeId} GraphQL    ${url}/graphql   (${node.country})`),
    `  report page        ${hubUrl}/reports/victims_sex_age`,
    `  JSON-stat export   ${hubUrl}/exports/victims_sex_age?format=jsonstat`,
    '',
    'Node consoles: open a link in a browser to sign in as that node’s rapporteur or steward (each link works once, within the hour):',
    ...consoleLinks,
    '',
    'Development tokens (Authorization: Bearer <token>; `npm run token -- --role ROLE [--country XX]` issues more):',
    ...Object.entries(tokens).map(([role, token]) => `  ${role.padEnd(24)} ${token}`),
    '',
    'Example query (as RESEARCHER):',
    `  curl -s ${hubUrl}/graphql -H 'content-type: application/json' -H "authorization: Bearer ${tokens.RESEARCHER.slice(0, 12)}..." \\`,
    `    -d '${JSON.stringify({ query: exampleQuery })}'`,
    '',
    ctdcMode
      ? `Years ${ctdcYears[0]}..${ctdcYears.at(-1)} of the CTDC subset were submitted as year-only returns.`
      : `Quarters ${FIRST_PERIOD}..${LAST_PERIOD} were submitted; the most recent ones are provisional (flag p).`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`federation failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
