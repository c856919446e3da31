import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

/** 25 000 by default to keep the suite short; `HUB_BULK_RECORDS=100000` for the size the issue names. */
const RECORDS = Number(process.env['HUB_BULK_RECORDS'] ?? 25_000);

/**
 * A large return through real HTTP, signature, validation and batched inserts, then a release over it. Times are
 * printed for the record, never asserted (the machine is shared).
 */
describe('hub intake and release at volume', () => {
  let hub: HubUnderTest;
  let node: SimulatedNode;

  beforeAll(async () => {
    hub = await startHub('hub-bulk', { MAX_MESSAGE_BYTES: String(63 * 1024 * 1024) });
    node = await SimulatedNode.create('node-de', ['DE']);
    expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it(`ingests a return of ${RECORDS} records in one request and publishes a release over it`, async () => {
    const records = syntheticRecords(node, 'DE', '2025-Q3', syntheticPersons(node, 'DE', 0, RECORDS), 42);
    const jws = await node.signReturn(node.buildReturn('DE', '2025-Q3', records));

    const intakeStarted = performance.now();
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, { jws });
    const intakeMs = performance.now() - intakeStarted;
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
    const [{ count }]: { count: string }[] = await hub.dataSource.query('SELECT count(*) AS count FROM hub_record');
    expect(Number(count)).toBe(RECORDS);

    const releaseStarted = performance.now();
    const release = await hub.graphql<{ publishRelease: { number: number } }>('mutation { publishRelease { number } }', {}, hub.adminToken);
    const releaseMs = performance.now() - releaseStarted;
    expect(release.data?.publishRelease.number).toBe(1);

    console.log(
      JSON.stringify({
        database: hub.scratch.url ? 'postgres' : 'embedded',
        records: RECORDS,
        jwsMegabytes: Math.round(jws.length / 1e5) / 10,
        intakeMs: Math.round(intakeMs),
        releaseMs: Math.round(releaseMs),
        intake: phases(hub.logs.find((line) => line.includes('"return accepted"'))),
        datasets: hub.logs.filter((line) => line.includes('"dataset released"')).map(phases),
      }),
    );
  });
});

/** The timing fields of a log line. */
function phases(line: string | undefined): Record<string, unknown> {
  const entry = JSON.parse(line ?? '{}') as Record<string, unknown>;
  return Object.fromEntries(Object.entries(entry).filter(([key]) => key.endsWith('Ms') || key.endsWith('Cells') || key === 'dataset'));
}
