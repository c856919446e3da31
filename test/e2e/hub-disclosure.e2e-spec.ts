import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PseudonymisedRecord } from '#app/standard';
import { expectedCounts, storedCellKey, type StoredCell } from '../support/hub-expected-cube.js';
import { startHub } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

const PUBLISH = 'mutation { publishRelease { number disclosureMethod smallCountThreshold } }';

/** A hub with two reporting countries and a few hundred persons, published under one disclosure method. */
async function hubWithData(label: string, env: Record<string, string>) {
  const hub = await startHub(label, env);
  const records: PseudonymisedRecord[] = [];
  const sizes = { AT: 160, DE: 90 } as const;
  for (const [country, size] of Object.entries(sizes) as ['AT' | 'DE', number][]) {
    const node = await SimulatedNode.create(`node-${country.toLowerCase()}`, [country]);
    expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
    for (const [index, period] of ['2024-Q3', '2024-Q4'].entries()) {
      const sent = syntheticRecords(node, country, period, syntheticPersons(node, country, index * 40, size), index + 20);
      const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, {
        jws: await node.signReturn(node.buildReturn(country, period, sent)),
      });
      expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
      records.push(...sent);
    }
  }
  const publish = async () => {
    const answer = await hub.graphql<{ publishRelease: { number: number; disclosureMethod: string; smallCountThreshold: number } }>(
      PUBLISH,
      {},
      hub.adminToken,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.publishRelease;
  };
  const cellsOf = (release: number): Promise<StoredCell[]> =>
    hub.dataSource.query(
      'SELECT dataset, geo, time, codes, value, flags FROM hub_release_cell WHERE release_number = $1 ORDER BY dataset, geo, time, codes',
      [release],
    );
  return { hub, expected: expectedCounts(records), publish, cellsOf };
}

describe('hub releases under the cell key method (the default)', () => {
  let setup: Awaited<ReturnType<typeof hubWithData>>;
  let cells: StoredCell[];

  beforeAll(async () => {
    setup = await hubWithData('hub-cell-key', {
      DISCLOSURE_PTABLE_D: '3',
      DISCLOSURE_PTABLE_V: '2',
      DISCLOSURE_PTABLE_JS: '2',
      DISCLOSURE_K: '5',
    });
    const release = await setup.publish();
    expect(release).toEqual({ number: 1, disclosureMethod: 'CELL_KEY', smallCountThreshold: 5 });
    cells = await setup.cellsOf(1);
  });
  afterAll(async () => {
    await setup?.hub.close();
  });

  it('perturbs counts within D, never publishes 1..js, and flags small published values u', () => {
    let perturbed = 0;
    for (const cell of cells) {
      const original = setup.expected.get(storedCellKey(cell)) ?? 0;
      if (cell.value === null) continue;
      expect(Math.abs(cell.value - original)).toBeLessThanOrEqual(3);
      expect([1, 2]).not.toContain(cell.value);
      expect(cell.flags.includes('u')).toBe(cell.value > 0 && cell.value < 5);
      if (cell.value !== original) perturbed += 1;
    }
    expect(perturbed).toBeGreaterThan(cells.length / 4);
  });

  it('keeps zeros zero: no cell without persons is published as a count', () => {
    for (const cell of cells) {
      if ((setup.expected.get(storedCellKey(cell)) ?? 0) === 0) expect([0, null]).toContain(cell.value);
    }
  });

  it('publishes identical cubes from the same records (same keys, same noise)', async () => {
    expect((await setup.publish()).number).toBe(2);
    expect(await setup.cellsOf(2)).toEqual(cells);
  });
});

describe('hub releases under threshold suppression', () => {
  let setup: Awaited<ReturnType<typeof hubWithData>>;
  let cells: StoredCell[];

  beforeAll(async () => {
    setup = await hubWithData('hub-suppression', { DISCLOSURE_METHOD: 'SUPPRESSION', DISCLOSURE_K: '5' });
    expect((await setup.publish()).disclosureMethod).toBe('SUPPRESSION');
    cells = await setup.cellsOf(1);
  });
  afterAll(async () => {
    await setup?.hub.close();
  });

  it('suppresses every small cell (c, value null), adds secondary suppressions, and publishes the rest exactly', () => {
    const stored = new Map(cells.map((cell) => [storedCellKey(cell), cell]));
    let secondary = 0;
    for (const [key, original] of setup.expected) {
      const cell = stored.get(key);
      if (original > 0 && original < 5) {
        expect(cell).toMatchObject({ value: null, flags: expect.stringContaining('c') });
      } else if (cell?.value === null) {
        expect(cell.flags).toContain('c');
        secondary += 1;
      } else {
        expect(cell?.value ?? 0).toBe(original);
      }
    }
    expect(secondary).toBeGreaterThan(0);
  });

  it('never leaves a suppressed cell alone in a margin of sex (it could be recomputed by subtraction)', () => {
    const bySexMargin = new Map<string, StoredCell[]>();
    for (const cell of cells.filter((c) => c.dataset === 'victims_citizenship')) {
      const key = [cell.geo, cell.time, cell.codes[0]].join('|');
      bySexMargin.set(key, [...(bySexMargin.get(key) ?? []), cell]);
    }
    for (const line of bySexMargin.values()) {
      const suppressed = line.filter((cell) => cell.value === null && cell.flags.includes('c') && !cell.flags.includes(':'));
      expect(suppressed.length).not.toBe(1);
    }
  });
});
