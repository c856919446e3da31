import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DevIssuer, Role } from '#app/auth';
import { CREATE_PERSON, personInput } from '../support/node-operations.js';
import { NodeTestBed, type TestNode } from '../support/node-test-app.js';
import { NODE_CONSOLE_CASES, type ConsoleKit, type ConsoleRequest } from './corpus/node-console.corpus.js';
import { changedTables, fingerprintDatabase } from './support/database-fingerprint.js';
import { ReliabilityRecorder } from './support/reliability-summary.js';

const leaks = /\n\s+at |\.(ts|js):\d+|node_modules|\/(work|home|tmp)\/\S*\.(ts|js)\b|QueryFailedError|violates [\w ]*constraint/;
const MAX_UPLOAD_MEGABYTES = 1;

/**
 * The console corpus against a real node over HTTP, each case with the session a browser would have: the answer's
 * status and page text, no table changed (an md5 of every table), nothing leaked, no injected value echoed raw,
 * and no upload left in the node's data folder.
 */
describe('reliability: bad input to the node console', () => {
  const recorder = new ReliabilityRecorder('node-console-bad-input');
  let bed: NodeTestBed;
  let node: TestNode;
  let kit: ConsoleKit;
  const cookies: Record<'rapporteur' | 'steward', string> = { rapporteur: '', steward: '' };

  const send = async (request: ConsoleRequest): Promise<{ status: number; text: string; location: string | null }> => {
    const session = request.session ?? 'rapporteur';
    const cookie = session === 'none' ? undefined : session === 'forged' ? 'thb_console=forged-session-value' : cookies[session];
    const headers: Record<string, string> = { origin: request.origin ?? node.url, ...(cookie === undefined ? {} : { cookie }) };
    let body: FormData | URLSearchParams | undefined;
    if (request.file !== undefined) {
      const form = new FormData();
      for (const [name, value] of Object.entries(request.form ?? {})) for (const item of [value].flat()) form.append(name, item);
      form.append('file', new Blob([request.file.bytes], { type: 'text/csv' }), request.file.name);
      body = form;
    } else if (request.form !== undefined) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(request.form)) for (const item of [value].flat()) form.append(name, item);
      body = form;
    }
    const answer = await fetch(`${node.url}${request.path}`, { method: request.method, headers, body, redirect: 'manual' });
    return { status: answer.status, text: await answer.text(), location: answer.headers.get('location') };
  };
  const fingerprint = () => fingerprintDatabase((sql, parameters) => node.dataSource.query(sql, parameters));

  beforeAll(async () => {
    bed = await NodeTestBed.create('reliability-console', 'AT');
    node = await bed.start(bed.config({ url: 'http://127.0.0.1:9' }, { CONSOLE_IMPORT_MAX_MB: String(MAX_UPLOAD_MEGABYTES) }));
    const issuer = await DevIssuer.loadOrCreate(join(bed.workDir, 'dev-issuer'));
    const csrf = { rapporteur: '', steward: '' };
    for (const role of ['rapporteur', 'steward'] as const) {
      const code = await issuer.issue({
        roles: [role === 'rapporteur' ? Role.RAPPORTEUR : Role.STEWARD],
        countries: ['AT'],
        subject: `${role}-rel`,
        ttl: '10m',
      });
      const signedIn = await fetch(`${node.url}/console/sign-in?code=${code}`, { redirect: 'manual' });
      cookies[role] = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const home = await (await fetch(`${node.url}/console`, { headers: { cookie: cookies[role] } })).text();
      csrf[role] = /name="csrf" value="([^"]+)"/.exec(home)?.[1] ?? '';
    }
    const created: string[] = [];
    for (const reference of ['REL-CONSOLE-A', 'REL-CONSOLE-B']) {
      const answer = await node.data<{ createPerson: { id: string; registrations: Array<{ id: string }> } }>(
        bed.tokens.rapporteur,
        CREATE_PERSON,
        {
          input: personInput({ externalRef: reference, identity: { givenNames: 'Canarygiven', familyNames: 'Canaryfamily' } }),
        },
      );
      created.push(answer.createPerson.id, answer.createPerson.registrations[0]?.id ?? '');
    }
    kit = {
      csrf,
      formToken: async (role) => {
        // The steward's form is on a person's page, the rapporteur's on the new-person page.
        const path = role === 'steward' ? `/console/persons/${created[0]}` : '/console/persons/new';
        const page = await (await fetch(`${node.url}${path}`, { headers: { cookie: cookies[role] } })).text();
        return /name="form" value="([^"]+)"/.exec(page)?.[1] ?? '';
      },
      send: (request) => send(request),
      personId: created[0] as string,
      othersRegistrationId: created[3] as string,
      maxUploadMegabytes: MAX_UPLOAD_MEGABYTES,
    };
  });

  afterAll(async () => {
    await recorder.write();
    await node?.close();
    await bed?.dispose();
  });

  it.each(NODE_CONSOLE_CASES.map((testCase) => [`${testCase.name} -> ${testCase.status}`, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const before = await fingerprint();
      const problems: string[] = [];
      let answer = await send(await testCase.request(kit));
      if (testCase.followImport === true && answer.status === 303 && answer.location !== null) {
        // The import runs in the background: its page says how it ended once it has.
        for (let attempt = 0; attempt < 200; attempt += 1) {
          answer = await send({ method: 'GET', path: answer.location ?? '' }).then((page) => ({ ...page, location: answer.location }));
          if (answer.text.includes('data-live="false"')) break;
          await new Promise((wait) => setTimeout(wait, 100));
        }
      }
      if (answer.status !== testCase.status) problems.push(`expected HTTP ${testCase.status}, got ${answer.status}`);
      const said = answer.status >= 300 && answer.status < 400 ? (answer.location ?? '') : answer.text;
      if (!said.includes(testCase.says))
        problems.push(`the answer does not say ${JSON.stringify(testCase.says)}: ${said.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (leaks.test(answer.text)) problems.push(`the page leaks internals: ${JSON.stringify(leaks.exec(answer.text)?.[0])}`);
      for (const value of testCase.mustNotEcho ?? []) {
        if (answer.text.includes(value)) problems.push(`the page echoes ${JSON.stringify(value)}`);
        if (bed.logLines.join('\n').includes(value)) problems.push(`the log echoes ${JSON.stringify(value)}`);
      }
      problems.push(...changedTables(before, await fingerprint()).map((table) => `table ${table} changed`));
      const uploads = await readdir(join(bed.scratch.dataDir, 'uploads')).catch(() => []);
      if (uploads.length > 0) problems.push(`${uploads.length} uploaded file(s) left in the data folder`);
      recorder.record('node-console', testCase.name, problems);
      expect(problems).toEqual([]);
    },
  );

  it('logs no identity, reference or injected value while refusing all that', () => {
    expect(bed.logLines.join('\n')).not.toMatch(/Canarygiven|Canaryfamily|REL-CONSOLE-|<script>/);
  });
});
