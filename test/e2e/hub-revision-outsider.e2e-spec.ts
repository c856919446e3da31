import { afterAll, describe, expect, it } from '@jest/globals';
import type { PseudonymisedRecord } from '#app/standard';
import { expectedCounts } from '../support/hub-expected-cube.js';
import { startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  registrationOf,
  SimulatedNode,
  SUBMIT_RETURN,
  SUBMIT_REVOCATION,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';
import { changedCells, readPublicRelease } from '../privacy/support/release-attack.js';

/**
 * Issue 25 as the outsider tried it: a hub and one node (AT) with the default method, 43 people registered in 2026-Q3,
 * release 1; one person's consent revoked, release 2; one registration corrected, release 3. Every cell of every
 * dataset of AT and EU27_2020, quarter and year, is compared between consecutive releases, and each changed cell is
 * sorted by whether it counted the person. With the revision policy nothing moves; the same steps against a hub that
 * applies every change at once reproduce the defect (only the person's cells move), so the comparison can fail.
 */
const PERIOD = '2026-Q3';
const GEOS = ['AT', 'EU27_2020'];
const TIMES = [PERIOD, '2026'];
const PUBLISH = 'mutation { publishRelease { number } }';

interface Outcome {
  readonly revocation: { readonly withPerson: number; readonly withoutPerson: number };
  readonly correction: { readonly withPerson: number; readonly withoutPerson: number };
}

async function tryAsOutsider(hub: HubUnderTest): Promise<Outcome> {
  const node = await SimulatedNode.create('node-at', ['AT']);
  expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
  let records = syntheticRecords(node, 'AT', PERIOD, syntheticPersons(node, 'AT', 0, 43), 2025);
  const send = async (revision: number) => {
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, {
      jws: await node.signReturn(node.buildReturn('AT', PERIOD, records, { revision })),
    });
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
  };
  const publish = async () => {
    const answer = await hub.graphql<{ publishRelease: { number: number } }>(PUBLISH, {}, hub.adminToken);
    return readPublicRelease(hub.dataSource, answer.data!.publishRelease.number);
  };
  const sortChanged = (changed: readonly string[], person: PseudonymisedRecord) => {
    const own = expectedCounts([person]);
    const withPerson = changed.filter((key) => own.has(key)).length;
    return { withPerson, withoutPerson: changed.length - withPerson };
  };

  await send(1);
  const first = await publish();
  const revoked = records.find((record) => record.legalStatus.endsWith('VICTIM'))!;
  const revocation = await hub.graphql<{ submitRevocation: { erased: number } }>(SUBMIT_REVOCATION, {
    jws: await node.signRevocation(node.revocation('AT', [revoked.pseudonym])),
  });
  expect(revocation.data?.submitRevocation.erased).toBe(1);
  records = records.filter((record) => record !== revoked);
  const second = await publish();

  const corrected = records.filter((record) => record.legalStatus.endsWith('VICTIM'))[3]!;
  const correction = { ...corrected, sex: corrected.sex === 'F' ? 'M' : 'F' } as PseudonymisedRecord;
  records = records.map((record) => (record === corrected ? correction : record));
  await send(2);
  const third = await publish();
  return {
    revocation: sortChanged(changedCells(first, second, GEOS, TIMES), revoked),
    // A correction moves the person out of their old cells and into new ones: both count as theirs.
    correction: (() => {
      const changed = changedCells(second, third, GEOS, TIMES);
      const theirs = new Set([...expectedCounts([corrected]).keys(), ...expectedCounts([correction]).keys()]);
      const withPerson = changed.filter((key) => theirs.has(key)).length;
      return { withPerson, withoutPerson: changed.length - withPerson };
    })(),
  };
}

describe('an outsider diffs every cell of two releases around one revocation and one correction', () => {
  const hubs: HubUnderTest[] = [];
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
  });

  it('sees no cell move with the default method and revision policy', async () => {
    const hub = await startHub('outsider-default');
    hubs.push(hub);
    const outcome = await tryAsOutsider(hub);
    process.stdout.write(`outsider, default hub: ${JSON.stringify(outcome)}\n`);
    expect(outcome).toEqual({ revocation: { withPerson: 0, withoutPerson: 0 }, correction: { withPerson: 0, withoutPerson: 0 } });
  });

  it("sees only the person's cells move on a hub that applies every change at once (the defect, for comparison)", async () => {
    const hub = await startHub('outsider-at-once', { DISCLOSURE_REVISION_MIN_CHANGES: '1' });
    hubs.push(hub);
    const outcome = await tryAsOutsider(hub);
    process.stdout.write(`outsider, changes at once: ${JSON.stringify(outcome)}\n`);
    expect(outcome.revocation.withPerson).toBeGreaterThan(10);
    expect(outcome.revocation.withoutPerson).toBe(0);
    // The correction moves the person's old and new cells; the cells the revocation had flagged `r` lose the flag.
    expect(outcome.correction.withPerson).toBeGreaterThan(10);
  });
});
