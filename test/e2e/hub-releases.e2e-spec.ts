import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/auth';
import { formatPeriod, isoDate, quarterOfDate, type PseudonymisedRecord } from '#app/standard';
import { expectedCounts, storedCellKey, type StoredCell } from '../support/hub-expected-cube.js';
import { errorCode, startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  SUBMIT_REVOCATION,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

const PUBLISH =
  'mutation P($note: String) { publishRelease(note: $note) { number disclosureMethod datasets { dataset dimensionIds cellCount } } }';
const SET_METADATA = `mutation M($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { country validFrom definitionDiffers } }`;

const today = new Date();
const currentQuarter = formatPeriod(quarterOfDate(isoDate(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate())));
const currentYear = String(today.getUTCFullYear());

/**
 * Releases without perturbation (DISCLOSURE_METHOD=NONE, allowed in tests only), so that every published cell can be
 * compared with counts taken independently from the records sent.
 */
describe('hub releases: materialised cubes, flags, immutability', () => {
  let hub: HubUnderTest;
  let austria: SimulatedNode;
  let germany: SimulatedNode;
  /** The records the hub holds, as the test sent them (per country and period, latest revision). */
  const held = new Map<string, PseudonymisedRecord[]>();
  const allHeld = () => [...held.values()].flat();

  const send = async (node: SimulatedNode, country: 'AT' | 'DE', period: string, from: number, count: number, seed: number) => {
    const records = syntheticRecords(node, country, period, syntheticPersons(node, country, from, count), seed);
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, {
      jws: await node.signReturn(node.buildReturn(country, period, records)),
    });
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
    held.set(`${country}|${period}`, records);
  };
  const publish = async (note?: string) => {
    const answer = await hub.graphql<{ publishRelease: { number: number; disclosureMethod: string } }>(PUBLISH, { note }, hub.adminToken);
    expect(answer.errors).toBeUndefined();
    return answer.data!.publishRelease;
  };
  const cellsOf = (release: number): Promise<StoredCell[]> =>
    hub.dataSource.query(
      `SELECT dataset, geo, time, codes, value, flags FROM hub_release_cell WHERE release_number = $1
        ORDER BY dataset, geo, time, codes`,
      [release],
    );
  const coverageOf = (release: number): Promise<{ geo: string; time: string; reported: boolean; flags: string }[]> =>
    hub.dataSource.query('SELECT geo, time, reported, flags FROM hub_release_coverage WHERE release_number = $1 ORDER BY geo, time', [
      release,
    ]);

  /** Every stored cell equals the independent count; every non-zero count is stored. */
  const expectCellsToMatch = (cells: readonly StoredCell[], records: readonly PseudonymisedRecord[]) => {
    const expected = expectedCounts(records);
    const stored = new Map(cells.map((cell) => [storedCellKey(cell), cell]));
    const mismatches: string[] = [];
    for (const cell of cells) {
      if (cell.value === null) continue;
      const count = expected.get(storedCellKey(cell)) ?? 0;
      if (cell.value !== count) mismatches.push(`${storedCellKey(cell)}: published ${cell.value}, expected ${count}`);
    }
    for (const [key, count] of expected) {
      const cell = stored.get(key);
      const notCollected = cell?.value === null && cell.flags.includes(':');
      if (!notCollected && cell?.value !== count) mismatches.push(`${key}: expected ${count}, stored ${cell?.value ?? 'nothing'}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    return expected;
  };

  beforeAll(async () => {
    hub = await startHub('hub-releases', { DISCLOSURE_METHOD: 'NONE', PROVISIONAL_QUARTERS: '2' });
    austria = await SimulatedNode.create('node-at', ['AT']);
    germany = await SimulatedNode.create('node-de', ['DE']);
    const france = await SimulatedNode.create('node-fr', ['FR']);
    for (const node of [austria, germany, france]) {
      expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
    }
    const metadata = [
      { country: 'AT', validFrom: '2025-Q1', legalDefinition: 'PALERMO', identificationThreshold: 'AUTHORITY', breakdownsNotCollected: [] },
      {
        country: 'AT',
        validFrom: '2025-Q2',
        legalDefinition: 'NATIONAL_WIDER',
        identificationThreshold: 'REFERRAL',
        breakdownsNotCollected: [],
      },
      {
        country: 'DE',
        validFrom: '2024',
        legalDefinition: 'EU_DIRECTIVE',
        identificationThreshold: 'AUTHORITY',
        breakdownsNotCollected: ['reg_org'],
      },
    ];
    for (const entry of metadata) {
      const answer = await hub.graphql(SET_METADATA, { input: { ...entry, presumedVictimsIncluded: true } }, hub.adminToken);
      expect(answer.errors).toBeUndefined();
    }
    // Persons 20..39 of Austria are registered in both quarters: counted twice in quarters, once in the year.
    await send(austria, 'AT', '2025-Q1', 0, 40, 1);
    await send(austria, 'AT', '2025-Q2', 20, 40, 2);
    await send(germany, 'DE', '2025-Q1', 0, 30, 3);
    await send(germany, 'DE', currentQuarter, 100, 12, 4);
  });
  afterAll(async () => {
    await hub?.close();
  });

  let first: StoredCell[];

  it('publishes one cube per dataset whose cells equal counts taken independently from the records', async () => {
    const release = await publish('first release');
    expect(release).toMatchObject({ number: 1, disclosureMethod: 'NONE' });
    first = await cellsOf(1);
    const datasets = new Set(first.map((cell) => cell.dataset));
    expect([...datasets].sort()).toEqual([
      'offenders_stage',
      'protection',
      'victims_citizenship',
      'victims_exploitation',
      'victims_registering_org',
      'victims_sex_age',
    ]);
    expectCellsToMatch(first, allHeld());
    const austrianVictims2025 = first.find(
      (cell) =>
        cell.dataset === 'victims_sex_age' && cell.geo === 'AT' && cell.time === '2025' && cell.codes.every((code) => code === 'TOTAL'),
    );
    const victims = new Set(
      allHeld()
        .filter((r) => r.country === 'AT' && r.legalStatus.endsWith('VICTIM'))
        .map((r) => r.pseudonym),
    );
    expect(austrianVictims2025?.value).toBe(victims.size);
  });

  it('flags missing countries, provisional periods, definitions, breaks and breakdowns not collected', async () => {
    const coverage = await coverageOf(1);
    const flagsAt = (geo: string, time: string) => coverage.find((row) => row.geo === geo && row.time === time);
    expect(flagsAt('FR', '2025-Q1')).toEqual({ geo: 'FR', time: '2025-Q1', reported: false, flags: ':' });
    expect(flagsAt('AT', '2025-Q1')).toMatchObject({ reported: true, flags: '' });
    expect(flagsAt('AT', '2025-Q2')).toMatchObject({ reported: true, flags: 'bd' });
    expect(flagsAt('AT', '2025')).toMatchObject({ reported: true, flags: 'bd' });
    expect(flagsAt('DE', currentQuarter)?.flags).toContain('p');
    expect(flagsAt('DE', currentYear)?.flags).toContain('p');
    expect(flagsAt('EU27_2020', '2025-Q1')).toMatchObject({ reported: true, flags: ':' });

    const cell = (dataset: string, geo: string, time: string, codes: string[]) =>
      first.find((c) => c.dataset === dataset && c.geo === geo && c.time === time && c.codes.join() === codes.join());
    expect(cell('victims_sex_age', 'FR', '2025-Q1', ['TOTAL', 'TOTAL', 'TOTAL'])).toMatchObject({ value: null, flags: ':' });
    expect(cell('victims_sex_age', 'AT', '2025-Q2', ['TOTAL', 'TOTAL', 'TOTAL'])?.flags).toBe('bd');
    const germanByOrganisation = first.filter((c) => c.dataset === 'victims_registering_org' && c.geo === 'DE' && c.codes[0] !== 'TOTAL');
    expect(germanByOrganisation.length).toBeGreaterThan(0);
    for (const c of germanByOrganisation) expect(c).toMatchObject({ value: null, flags: expect.stringContaining(':') });
    expect(cell('victims_registering_org', 'DE', '2025-Q1', ['TOTAL', 'TOTAL'])?.value).toBeGreaterThan(0);
    const group = cell('victims_citizenship', 'EU27_2020', '2025-Q1', ['TOTAL', 'TOTAL']);
    const members = ['AT', 'DE'].map((geo) => cell('victims_citizenship', geo, '2025-Q1', ['TOTAL', 'TOTAL'])?.value ?? 0);
    expect(group).toMatchObject({ value: members[0]! + members[1]!, flags: ':' });
  });

  it('publishes identical cubes when publishing twice from the same records', async () => {
    const release = await publish();
    expect(release.number).toBe(2);
    const second = await cellsOf(2);
    expect(second).toEqual(first);
    expect(await coverageOf(2)).toEqual(await coverageOf(1));
  });

  it('leaves a published release unchanged after a revocation and removes the person from the next one, flagging r', async () => {
    const revoked = austria.pseudonym('AT-25');
    const answer = await hub.graphql<{ submitRevocation: { erased: number } }>(SUBMIT_REVOCATION, {
      jws: await austria.signRevocation(austria.revocation('AT', [revoked])),
    });
    expect(answer.errors ?? []).toEqual([]);
    expect(answer.data?.submitRevocation.erased).toBe(2);
    for (const [key, records] of held)
      held.set(
        key,
        records.filter((record) => record.pseudonym !== revoked),
      );

    expect(await cellsOf(1)).toEqual(first);
    expect((await publish()).number).toBe(3);
    const third = await cellsOf(3);
    expectCellsToMatch(third, allHeld());
    const before = new Map(first.map((cell) => [storedCellKey(cell), cell.value]));
    // An absent cell of a reported geo and time was published as 0.
    const previousValue = (cell: StoredCell) => (before.has(storedCellKey(cell)) ? before.get(storedCellKey(cell)) : 0);
    const revised = third.filter((cell) => cell.flags.includes('r'));
    expect(revised.length).toBeGreaterThan(0);
    expect(revised.filter((cell) => cell.value === previousValue(cell))).toEqual([]);
    expect(third.filter((cell) => !cell.flags.includes('r') && cell.value !== previousValue(cell))).toEqual([]);
    const austrianTotal = third.find(
      (cell) =>
        cell.dataset === 'victims_sex_age' && cell.geo === 'AT' && cell.time === '2025' && cell.codes.every((code) => code === 'TOTAL'),
    );
    expect(austrianTotal?.flags).toContain('r');
  });

  it('leaves no half release when publishing fails part-way, and numbers the next one as if it never started', async () => {
    const releaseTables = ['hub_release', 'hub_release_dataset', 'hub_release_coverage', 'hub_release_cell'];
    const rowsOf = async () => {
      const counts: number[] = [];
      for (const table of releaseTables) counts.push(Number((await hub.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n));
      return counts;
    };
    const before = await rowsOf();
    // The last dataset of the catalogue cannot be stored: the failure comes after five datasets were written.
    await hub.dataSource.query(`ALTER TABLE hub_release_cell ADD CONSTRAINT test_break_release CHECK (dataset <> 'protection') NOT VALID`);
    try {
      const failed = await hub.graphql(PUBLISH, {}, hub.adminToken);
      expect(errorCode(failed)).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(failed)).not.toMatch(/test_break_release|hub_release_cell/);
    } finally {
      await hub.dataSource.query('ALTER TABLE hub_release_cell DROP CONSTRAINT test_break_release');
    }
    expect(await rowsOf()).toEqual(before);
    expect((await publish()).number).toBe(4);
  });

  it('refuses any change to a published release in the database itself', async () => {
    await expect(hub.dataSource.query('UPDATE hub_release_cell SET value = value + 1 WHERE release_number = 1')).rejects.toThrow(
      /immutable/,
    );
    await expect(hub.dataSource.query('DELETE FROM hub_release WHERE number = 1')).rejects.toThrow(/immutable/);
    await expect(hub.dataSource.query('TRUNCATE hub_release_cell')).rejects.toThrow(/immutable/);
    expect(await cellsOf(1)).toEqual(first);
  });

  it('lists releases with their datasets, and refuses publishing to non-administrators', async () => {
    const listed = await hub.graphql<{ releases: { number: number; datasets: { dataset: string; dimensionIds: string[] }[] }[] }>(
      '{ releases { number datasets { dataset dimensionIds } } }',
      {},
      await hub.token([Role.RESEARCHER]),
    );
    expect(listed.data?.releases.map((release) => release.number)).toEqual([4, 3, 2, 1]);
    expect(listed.data?.releases[0]?.datasets.find((d) => d.dataset === 'victims_exploitation')?.dimensionIds).toEqual([
      'exploit',
      'sex',
      'age',
    ]);
    const researcher = await hub.token([Role.RESEARCHER]);
    expect(errorCode(await hub.graphql(PUBLISH, {}, researcher))).toBe('FORBIDDEN');
  });
});
