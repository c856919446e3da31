import { TOTAL, type DatasetDefinition } from '#app/standard';
import { LEAF_COLUMNS, leafColumnKeyOf } from './dimension-columns.js';

/** One aggregated cell of a country: count of persons and cell key (sum of their record keys modulo 2^52). */
export interface AggregatedRow {
  readonly geo: string;
  readonly time: string;
  /** One code per catalogue dimension, in the dataset's order; TOTAL for a margin. */
  readonly codes: readonly string[];
  readonly count: number;
  readonly cellKey: bigint;
}

const leafColumnNames = [...new Set(Object.values(LEAF_COLUMNS).map((leaf) => leaf.column))];

/**
 * SQL creating a temporary table of the records of some legal statuses, each person once per quarter and once per
 * year (`time` holds `2026-Q3` or `2026`): the record kept is the latest, then the most advanced legal status (the
 * statuses are listed in order of progression, `$1`). Deduplicating before aggregation makes every cell and margin
 * count a person once; only exploitation then fans out, once per form. With `oneCountry`, only the records of the
 * country `$2` (a preview).
 */
export function personTimeRowsSql(table: string, oneCountry = false): string {
  const scope = oneCountry ? 'legal_status = ANY($1::text[]) AND country = $2' : 'legal_status = ANY($1::text[])';
  const columns = ['country', ...leafColumnNames, 'record_key'].join(', ');
  return `CREATE TEMPORARY TABLE ${table} ON COMMIT DROP AS
    SELECT country, time, ${leafColumnNames.join(', ')}, record_key FROM (
      SELECT DISTINCT ON (country, period, pseudonym) period AS time, ${columns}
        FROM hub_record
       WHERE ${scope} AND quarter IS NOT NULL
       ORDER BY country, period, pseudonym, array_position($1::text[], legal_status) DESC
    ) AS by_quarter
    UNION ALL
    SELECT country, time, ${leafColumnNames.join(', ')}, record_key FROM (
      SELECT DISTINCT ON (country, year, pseudonym) year::text AS time, ${columns}
        FROM hub_record
       WHERE ${scope}
       ORDER BY country, year, pseudonym, coalesce(quarter, 0) DESC, array_position($1::text[], legal_status) DESC
    ) AS by_year`;
}

/**
 * SQL aggregating one dataset from a person-time table: per country and time, every combination of the catalogue's
 * codes and TOTAL margins. Single-valued dimensions roll up with CUBE; a multi-valued one (exploitation) is unnested
 * with an extra TOTAL element, so its margin counts each person once.
 */
export function datasetAggregationSql(dataset: DatasetDefinition, table: string): string {
  const selects: string[] = [];
  const cubeColumns: string[] = [];
  const plainGroups: string[] = [];
  const joins: string[] = [];
  dataset.dimensions.forEach((dimension, index) => {
    const leaf = LEAF_COLUMNS[leafColumnKeyOf(dimension)];
    if (leaf.multiValued) {
      const alias = `fanned_${index}`;
      joins.push(`CROSS JOIN LATERAL unnest(${leaf.column} || '${TOTAL}'::text) AS ${alias}(code)`);
      selects.push(`${alias}.code AS c${index}`);
      plainGroups.push(`${alias}.code`);
    } else {
      selects.push(`CASE WHEN grouping(${leaf.column}) = 1 THEN '${TOTAL}' ELSE ${leaf.column} END AS c${index}`);
      cubeColumns.push(leaf.column);
    }
  });
  const grouping = [...['country', 'time'], ...plainGroups, ...(cubeColumns.length > 0 ? [`CUBE (${cubeColumns.join(', ')})`] : [])];
  return `SELECT country AS geo, time, ${selects.join(', ')}, count(*) AS n, sum(record_key) AS k
    FROM ${table} ${joins.join(' ')}
   GROUP BY ${grouping.join(', ')}`;
}
