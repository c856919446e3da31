import {
  FIGURE_CATALOGUE,
  STANDARD_COUNTRY_GROUPS,
  TOTAL,
  parsePeriod,
  recordCoordinates,
  type DatasetDefinition,
  type PseudonymisedRecord,
} from '#app/standard';

/**
 * Counts a release should publish before disclosure control, computed independently of the hub's SQL: per dataset,
 * each person once per quarter and once per year (the latest record, then the most advanced legal status), in every
 * leaf and margin, each form of exploitation once and TOTAL once; groups as sums of their member countries.
 * Keys are `dataset|geo|time|code|code...`.
 */
export function expectedCounts(records: readonly PseudonymisedRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const dataset of Object.values(FIGURE_CATALOGUE) as DatasetDefinition[]) {
    const members = records.filter((record) => dataset.legalStatuses.includes(record.legalStatus));
    const rank = (record: PseudonymisedRecord): number => {
      const period = parsePeriod(record.period);
      return (period.kind === 'quarter' ? period.quarter : 0) * 10 + dataset.legalStatuses.indexOf(record.legalStatus);
    };
    const chosen = new Map<string, PseudonymisedRecord>();
    for (const record of members) {
      const period = parsePeriod(record.period);
      const times = period.kind === 'quarter' ? [record.period, String(period.year)] : [record.period];
      for (const time of times) {
        const key = `${record.country}|${time}|${record.pseudonym}`;
        const known = chosen.get(key);
        if (known === undefined || rank(record) > rank(known)) chosen.set(key, record);
      }
    }
    for (const [key, record] of chosen) {
      const [country, time] = key.split('|') as [string, string];
      const coordinates = recordCoordinates(dataset, record);
      if (coordinates === undefined) continue;
      const codeSets = dataset.dimensions.map((dimension) => [...(coordinates[dimension.id] ?? []), TOTAL]);
      const cells = codeSets.reduce<string[][]>((partial, codes) => partial.flatMap((cell) => codes.map((code) => [...cell, code])), [[]]);
      const geos = [country, ...STANDARD_COUNTRY_GROUPS.filter((group) => group.members.includes(record.country)).map((group) => group.id)];
      for (const geo of geos) {
        for (const cell of cells) {
          const cellKey = [dataset.id, geo, time, ...cell].join('|');
          counts.set(cellKey, (counts.get(cellKey) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

export interface StoredCell {
  dataset: string;
  geo: string;
  time: string;
  codes: string[];
  value: number | null;
  flags: string;
}

export function storedCellKey(cell: StoredCell): string {
  return [cell.dataset, cell.geo, cell.time, ...cell.codes].join('|');
}
