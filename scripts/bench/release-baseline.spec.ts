import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FIGURE_CATALOGUE } from '#app/standard';
import { startBenchHub, withRawClient, type BenchHub } from './bench-hub.js';
import { BenchNode, REGISTER_NODE } from './bench-node.js';
import type { PersonPlanOptions } from './bench-records.js';
import { RecordLoader } from './record-loader.js';
import { CREATE_BASELINE_CELL_TABLE, computeBaseline, datasetCountsSql, subsetsOf } from './release-baseline.js';

/**
 * The release benchmark compares the hub with plain SQL; the comparison means something only if both compute the same
 * counts. With disclosure control off the hub publishes original counts, so every published non-zero cell must be a
 * baseline cell with the same count, and the other way round. Runs on the embedded database, or on PostgreSQL when
 * DATABASE_URL is set, like the rest of the suite.
 */
describe('release benchmark baseline', () => {
  let hub: BenchHub;

  beforeAll(async () => {
    hub = await startBenchHub('baseline_spec', {
      serverUrl: process.env.DATABASE_URL || undefined,
      env: { DISCLOSURE_METHOD: 'NONE', ALLOW_UNPROTECTED_RELEASES: 'true' },
    });
    // Two member states (so EU27_2020 is a sum of two), two other countries, two years, persons recurring often.
    const plan: PersonPlanOptions = {
      seed: 11,
      countries: [
        ['AT', 3],
        ['DE', 5],
        ['NO', 1],
        ['CH', 1],
      ],
      periods: ['2025-Q3', '2025-Q4', '2026-Q1'],
      recurrence: 0.3,
    };
    const node = await BenchNode.create('node-spec', ['AT', 'DE', 'NO', 'CH'], 11);
    await hub.graphql(REGISTER_NODE, node.registration, hub.adminToken);
    const loader = await RecordLoader.open(hub, node, plan);
    await loader.growTo(3_000);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('loads the records it was asked for, in the rows of real accepted returns', async () => {
    const [{ records, returns }]: { records: string; returns: string }[] = await hub.dataSource.query(
      'SELECT count(*) AS records, count(DISTINCT return_id) AS returns FROM hub_record',
    );
    expect(Number(records)).toBe(3_000);
    expect(Number(returns)).toBe(12);
  });

  it('computes exactly the counts an unprotected release publishes, countries, EU27, quarters and years alike', async () => {
    await hub.graphql('mutation { publishRelease { number } }', {}, hub.adminToken);
    await hub.dataSource.query(CREATE_BASELINE_CELL_TABLE);
    const stored = await withRawClient(hub.dataSource, (client) => computeBaseline(client, 1, 'store'));
    const fetched = await withRawClient(hub.dataSource, (client) => computeBaseline(client, 0, 'fetch'));
    expect(fetched).toBe(stored);

    const keyOf = (row: { dataset: string; geo: string; time: string; codes: string[] }) =>
      `${row.dataset}/${row.geo}/${row.time}/${row.codes.join(',')}`;
    const published: { dataset: string; geo: string; time: string; codes: string[]; value: number }[] = await hub.dataSource.query(
      'SELECT dataset, geo, time, codes, value FROM hub_release_cell WHERE release_number = 1 AND value > 0',
    );
    const baseline: { dataset: string; geo: string; time: string; codes: string[]; n: number }[] = await hub.dataSource.query(
      'SELECT dataset, geo, time, codes, n FROM bench_release_cell WHERE run = 1',
    );
    expect(baseline).toHaveLength(stored);
    const hubCounts = new Map(published.map((row) => [keyOf(row), row.value]));
    const baselineCounts = new Map(baseline.map((row) => [keyOf(row), row.n]));
    expect(baselineCounts.size).toBe(baseline.length);
    expect(new Set(published.map((row) => row.dataset))).toEqual(new Set(Object.keys(FIGURE_CATALOGUE)));
    expect(baseline.some((row) => row.geo === 'EU27_2020' && row.time === '2025')).toBe(true);
    const differing = [...new Set([...hubCounts.keys(), ...baselineCounts.keys()])].filter(
      (key) => hubCounts.get(key) !== baselineCounts.get(key),
    );
    expect(differing.slice(0, 5)).toEqual([]);
    expect(hubCounts.size).toBe(baselineCounts.size);
  });
});

describe('baseline SQL', () => {
  it('writes a CUBE out as every subset of the dimensions', () => {
    expect(subsetsOf(['a', 'b'])).toEqual([['a', 'b'], ['b'], ['a'], []]);
    expect(subsetsOf([])).toEqual([[]]);
  });

  it('fans exploitation out with its TOTAL and groups the other dimensions by GROUPING SETS', () => {
    const sql = datasetCountsSql(FIGURE_CATALOGUE.victims_exploitation, 'persons', []);
    expect(sql).toContain(`unnest(p.exploitation || 'TOTAL'::text)`);
    // sex and child/adult: four sets, each with country, time and the form.
    expect(sql.match(/\(p\.country, p\.time, form0\.code/g)).toHaveLength(4);
  });
});
