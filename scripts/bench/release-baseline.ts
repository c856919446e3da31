import type pg from 'pg';
import { FIGURE_CATALOGUE, STANDARD_COUNTRY_GROUPS, TOTAL, type CountryGroup, type DatasetDefinition } from '#app/standard';
import { LEAF_COLUMNS, leafColumnKeyOf } from '../../apps/hub/src/releases/dimension-columns.js';

/**
 * The release benchmark's baseline: the unprotected counts of every dataset of the figure catalogue, computed with
 * plain SQL only (no perturbation, no flags, no JS): each person once per quarter and once per year, every margin
 * (GROUPING SETS over the catalogue's dimensions, a person once per form of exploitation and once in its TOTAL),
 * quarters and years, countries and country groups. Written independently of the hub's release code, from the
 * definitions in docs/DATA-STANDARD.md, so that the spec comparing the two checks both.
 */

export const BASELINE_CELL_TABLE = 'bench_release_cell';

/** Same key as `hub_release_cell`, so storing costs the same index work. */
export const CREATE_BASELINE_CELL_TABLE = `CREATE TABLE IF NOT EXISTS ${BASELINE_CELL_TABLE} (
  run integer NOT NULL,
  dataset text NOT NULL,
  geo text NOT NULL,
  time text NOT NULL,
  codes text[] NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (run, dataset, geo, time, codes)
)`;

/** Columns a person row keeps: every column a dataset of the catalogue groups by. */
const personColumns = [...new Set(Object.values(LEAF_COLUMNS).map((leaf) => leaf.column))];

/**
 * Persons of some legal statuses (listed in order of progression) once per country and quarter and once per country
 * and year; of a person's records in a period the latest is kept, then the most advanced status.
 */
export function personsSql(table: string): string {
  const columns = personColumns.join(', ');
  return `CREATE TEMPORARY TABLE ${table} ON COMMIT DROP AS
    SELECT * FROM (
      SELECT DISTINCT ON (country, period, pseudonym) country, period AS time, ${columns}
        FROM hub_record
       WHERE legal_status = ANY($1::text[]) AND quarter IS NOT NULL
       ORDER BY country, period, pseudonym, array_position($1::text[], legal_status) DESC
    ) AS quarters
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (country, year, pseudonym) country, year::text AS time, ${columns}
        FROM hub_record
       WHERE legal_status = ANY($1::text[])
       ORDER BY country, year, pseudonym, quarter DESC NULLS LAST, array_position($1::text[], legal_status) DESC
    ) AS years`;
}

/** Every subset of `items`, largest first (the sets of a CUBE, written out as GROUPING SETS). */
export function subsetsOf<T>(items: readonly T[]): T[][] {
  const subsets: T[][] = [];
  for (let mask = (1 << items.length) - 1; mask >= 0; mask -= 1) subsets.push(items.filter((_, index) => (mask & (1 << index)) !== 0));
  return subsets;
}

/**
 * The counts of one dataset from a persons table: per country and time every combination of codes and margins, then
 * each country group as the sum of its members' cells (persons are counted per country, so cells add up exactly;
 * summing cells is far cheaper than aggregating the members' persons again). Result columns: geo, time, codes (one per
 * catalogue dimension, TOTAL for a margin) and n.
 */
export function datasetCountsSql(dataset: DatasetDefinition, persons: string, groups: readonly CountryGroup[]): string {
  const fanned: string[] = [];
  const fannedCodes: string[] = [];
  const singleColumns: string[] = [];
  const codes = dataset.dimensions.map((dimension, index) => {
    const leaf = LEAF_COLUMNS[leafColumnKeyOf(dimension)];
    if (leaf.multiValued) {
      fanned.push(`CROSS JOIN LATERAL unnest(p.${leaf.column} || '${TOTAL}'::text) AS form${index}(code)`);
      fannedCodes.push(`form${index}.code`);
      return `form${index}.code`;
    }
    singleColumns.push(`p.${leaf.column}`);
    return `CASE WHEN grouping(p.${leaf.column}) = 1 THEN '${TOTAL}' ELSE p.${leaf.column} END`;
  });
  const always = ['p.country', 'p.time', ...fannedCodes];
  const sets = subsetsOf(singleColumns).map((subset) => `(${[...always, ...subset].join(', ')})`);
  const groupSums = groups.map(
    (group) => `SELECT '${group.id}', time, codes, sum(n)::integer FROM countries
       WHERE geo IN (${group.members.map((member) => `'${member}'`).join(', ')}) GROUP BY time, codes`,
  );
  return `WITH countries AS MATERIALIZED (
      SELECT p.country AS geo, p.time, ARRAY[${codes.join(', ')}] AS codes, count(*)::integer AS n
        FROM ${persons} p ${fanned.join(' ')}
       GROUP BY GROUPING SETS (${sets.join(', ')})
    )
    SELECT geo, time, codes, n FROM countries
    ${groupSums.map((sql) => `UNION ALL ${sql}`).join('\n    ')}`;
}

export type BaselineMode = 'store' | 'fetch';

/**
 * Computes every dataset's counts in one transaction, and either stores them in the baseline cell table under `run`
 * (as a release stores its cells) or reads them into the client. Returns the number of cells.
 */
export async function computeBaseline(client: pg.ClientBase, run: number, mode: BaselineMode): Promise<number> {
  let cells = 0;
  await client.query('BEGIN');
  try {
    const personTables = new Map<string, string>();
    for (const dataset of Object.values(FIGURE_CATALOGUE) as DatasetDefinition[]) {
      const statuses = dataset.legalStatuses.join(',');
      let persons = personTables.get(statuses);
      if (persons === undefined) {
        persons = `bench_persons_${personTables.size + 1}`;
        await client.query(personsSql(persons), [dataset.legalStatuses]);
        personTables.set(statuses, persons);
      }
      const counts = datasetCountsSql(dataset, persons, STANDARD_COUNTRY_GROUPS);
      if (mode === 'store') {
        const result = await client.query(
          `INSERT INTO ${BASELINE_CELL_TABLE} (run, dataset, geo, time, codes, n) SELECT $1, $2, geo, time, codes, n FROM (${counts}) AS c`,
          [run, dataset.id],
        );
        cells += result.rowCount ?? 0;
      } else {
        cells += (await client.query(counts)).rows.length;
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return cells;
}
