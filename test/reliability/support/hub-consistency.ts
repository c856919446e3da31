import { FIGURE_CATALOGUE } from '#app/standard';
import type { SqlRunner } from './database-fingerprint.js';

/** A return the hub answered ACCEPTED (or DUPLICATE), as its sender knows it. */
export interface AcknowledgedReturn {
  readonly returnId: string;
  readonly country: string;
  readonly period: string;
  readonly revision: number;
  readonly recordCount: number;
  /** True when none of its persons was revoked since: its records must all be at the hub. */
  readonly unrevoked: boolean;
}

/** What the hub database says after faults: nothing lost, nothing applied twice, no half-written release. */
export interface HubConsistencyReport {
  readonly problems: string[];
  /** Acknowledged returns missing or incomplete at the hub, and records applied twice. */
  readonly dataLost: number;
  readonly submissions: number;
  readonly records: number;
  readonly releases: number;
}

/**
 * Checks the hub's tables directly (the apps must be stopped when the database is embedded):
 * - every acknowledged return is stored once; if it is the latest revision of its country and period, the records
 *   there are its records (all of them unless persons were revoked since), each person once per legal status;
 * - no record belongs to anything but the latest revision of its country and period;
 * - every release has every dataset of the catalogue, each with exactly the cells it declares, numbered 1..n.
 */
export async function hubConsistency(run: SqlRunner, acknowledged: readonly AcknowledgedReturn[]): Promise<HubConsistencyReport> {
  const problems: string[] = [];
  let dataLost = 0;
  const stored = new Map(
    (
      (await run('SELECT return_id, country, period, revision, record_count FROM hub_submission')) as Array<{
        return_id: string;
        country: string;
        period: string;
        revision: number;
        record_count: number;
      }>
    ).map((row) => [row.return_id, row]),
  );
  const latest = new Map<string, { returnId: string; revision: number }>();
  for (const row of stored.values()) {
    const key = `${row.country}|${row.period}`;
    if ((latest.get(key)?.revision ?? 0) < row.revision) latest.set(key, { returnId: row.return_id, revision: row.revision });
  }
  const recordCounts = (await run(
    `SELECT country, period, return_id, count(*)::int AS records, count(DISTINCT (pseudonym, legal_status))::int AS distinct_records
       FROM hub_record GROUP BY country, period, return_id`,
  )) as Array<{ country: string; period: string; return_id: string; records: number; distinct_records: number }>;
  for (const group of recordCounts) {
    const key = `${group.country}|${group.period}`;
    if (latest.get(key)?.returnId !== group.return_id) {
      problems.push(`${group.records} records of ${key} belong to ${group.return_id}, not to the latest revision`);
      dataLost += group.records;
    }
    if (group.distinct_records !== group.records) {
      problems.push(`${group.records - group.distinct_records} records of ${key} applied twice`);
      dataLost += group.records - group.distinct_records;
    }
  }
  const recordsOf = new Map(recordCounts.map((group) => [group.return_id, group.records]));
  for (const sent of acknowledged) {
    const row = stored.get(sent.returnId);
    if (row === undefined) {
      problems.push(`acknowledged return ${sent.returnId} (${sent.country} ${sent.period} r${sent.revision}) is not at the hub`);
      dataLost += 1;
      continue;
    }
    if (row.record_count !== sent.recordCount)
      problems.push(`return ${sent.returnId} is stored with ${row.record_count} records, sent ${sent.recordCount}`);
    const isLatest = latest.get(`${sent.country}|${sent.period}`)?.returnId === sent.returnId;
    const present = recordsOf.get(sent.returnId) ?? 0;
    if (isLatest && sent.unrevoked && present !== sent.recordCount) {
      problems.push(`return ${sent.returnId} has ${present} of its ${sent.recordCount} records at the hub`);
      dataLost += Math.abs(sent.recordCount - present);
    }
    if (isLatest && present > sent.recordCount) problems.push(`return ${sent.returnId} has more records (${present}) than it carried`);
  }

  const releases = (await run(
    `SELECT r.number,
            (SELECT count(*)::int FROM hub_release_dataset d WHERE d.release_number = r.number) AS datasets,
            (SELECT count(*)::int FROM hub_release_dataset d
              WHERE d.release_number = r.number
                AND d.cell_count <> (SELECT count(*) FROM hub_release_cell c WHERE c.release_number = d.release_number AND c.dataset = d.dataset)
            ) AS incomplete
       FROM hub_release r ORDER BY r.number`,
  )) as Array<{ number: number; datasets: number; incomplete: number }>;
  const catalogueSize = Object.keys(FIGURE_CATALOGUE).length;
  releases.forEach((release, index) => {
    if (release.number !== index + 1) problems.push(`release numbers are not 1..n: ${releases.map((item) => item.number).join(',')}`);
    if (release.datasets !== catalogueSize) problems.push(`release ${release.number} has ${release.datasets} of ${catalogueSize} datasets`);
    if (release.incomplete > 0)
      problems.push(`release ${release.number} has ${release.incomplete} datasets whose cells are not all stored`);
  });
  const orphanCells = (await run(
    'SELECT count(*)::int AS n FROM hub_release_cell c WHERE NOT EXISTS (SELECT 1 FROM hub_release r WHERE r.number = c.release_number)',
  )) as Array<{ n: number }>;
  if ((orphanCells[0]?.n ?? 0) > 0) problems.push(`${orphanCells[0]?.n} release cells without their release`);

  return {
    problems: [...new Set(problems)],
    dataLost,
    submissions: stored.size,
    records: recordCounts.reduce((sum, group) => sum + group.records, 0),
    releases: releases.length,
  };
}
