import type { DataSource } from 'typeorm';
import { combineFlags, FIGURE_CATALOGUE, STANDARD_COUNTRY_GROUPS, TOTAL, type DatasetDefinition, type DatasetId } from '#app/standard';

/** A published cell as an outsider reads it: value (null when suppressed or not available) and flags. */
export interface PublicCell {
  readonly value: number | null;
  readonly flags: string;
}

/** Everything one release made public: its parameters, coverage and stored cells. */
export interface PublicRelease {
  readonly number: number;
  readonly method: string;
  readonly threshold: number;
  readonly coverage: ReadonlyMap<string, { readonly reported: boolean; readonly flags: string }>;
  /** Keyed by `dataset|geo|time|codes...`; an absent cell of a reported geo and time is a published 0. */
  readonly cells: ReadonlyMap<string, PublicCell>;
}

export const publicCellKey = (dataset: string, geo: string, time: string, codes: readonly string[]): string =>
  [dataset, geo, time, ...codes].join('|');
const coverageOf = (geo: string, time: string): string => `${geo}|${time}`;

/** Reads a release the way the public API serves it (the tables hold published values and flags only). */
export async function readPublicRelease(dataSource: DataSource, number: number): Promise<PublicRelease> {
  const [release]: { disclosure_method: string; small_count_threshold: number }[] = await dataSource.query(
    'SELECT disclosure_method, small_count_threshold FROM hub_release WHERE number = $1',
    [number],
  );
  if (!release) throw new Error(`no release ${number}`);
  const coverageRows: { geo: string; time: string; reported: boolean; flags: string }[] = await dataSource.query(
    'SELECT geo, time, reported, flags FROM hub_release_coverage WHERE release_number = $1',
    [number],
  );
  const cellRows: { dataset: string; geo: string; time: string; codes: string[]; value: number | null; flags: string }[] =
    await dataSource.query('SELECT dataset, geo, time, codes, value, flags FROM hub_release_cell WHERE release_number = $1', [number]);
  return {
    number,
    method: release.disclosure_method,
    threshold: release.small_count_threshold,
    coverage: new Map(coverageRows.map((row) => [coverageOf(row.geo, row.time), { reported: row.reported, flags: row.flags }])),
    cells: new Map(
      cellRows.map((row) => [publicCellKey(row.dataset, row.geo, row.time, row.codes), { value: row.value, flags: row.flags }]),
    ),
  };
}

/** The published cell, an absent one of a reported geo and time being 0 with its coverage's flags. */
export function publishedCell(release: PublicRelease, dataset: string, geo: string, time: string, codes: readonly string[]): PublicCell {
  const stored = release.cells.get(publicCellKey(dataset, geo, time, codes));
  if (stored) return stored;
  const coverage = release.coverage.get(coverageOf(geo, time));
  return coverage?.reported ? { value: 0, flags: coverage.flags } : { value: null, flags: ':' };
}

/** Every cell of one dataset for a geo and time: all combinations of its dimensions' codes, margins included. */
export function cellCodes(dataset: DatasetDefinition): string[][] {
  return dataset.dimensions.reduce<string[][]>(
    (partial, dimension) => partial.flatMap((codes) => dimension.codes.map((code) => [...codes, code.code])),
    [[]],
  );
}

/** The attribute an attacker tries to name: one dimension of one dataset. */
export interface TargetAttribute {
  readonly dataset: DatasetId;
  readonly dimension: string;
}

/**
 * The attacker's two guesses of a person's code in one attribute, knowing the country and period they were counted in:
 * - `baseline`: the most frequent code in the published margins of the earlier release (what anyone can guess);
 * - `differencing`: the code whose cells changed most (value or flags) between the two releases, the way the defect
 *   of issue 25 read the person's profile; with no changed cell it falls back to the baseline.
 */
export function guessAttribute(
  before: PublicRelease,
  after: PublicRelease,
  attribute: TargetAttribute,
  geo: string,
  time: string,
): { baseline: string; differencing: string } {
  const dataset = FIGURE_CATALOGUE[attribute.dataset];
  const index = dataset.dimensions.findIndex((dimension) => dimension.id === attribute.dimension);
  const leaves = dataset.dimensions[index]!.codes.map((code) => code.code).filter((code) => code !== TOTAL);
  let baseline = leaves[0]!;
  let largest = -1;
  for (const leaf of leaves) {
    const margin = dataset.dimensions.map((_, position) => (position === index ? leaf : TOTAL));
    const value = publishedCell(before, dataset.id, geo, time, margin).value ?? 0;
    if (value > largest) [baseline, largest] = [leaf, value];
  }
  const changes = new Map(leaves.map((leaf) => [leaf, 0]));
  for (const codes of cellCodes(dataset)) {
    const leaf = codes[index]!;
    if (leaf === TOTAL) continue;
    const earlier = publishedCell(before, dataset.id, geo, time, codes);
    const later = publishedCell(after, dataset.id, geo, time, codes);
    if (earlier.value !== later.value || earlier.flags !== later.flags) changes.set(leaf, changes.get(leaf)! + 1);
  }
  let differencing = baseline;
  let most = 0;
  for (const [leaf, count] of changes) if (count > most) [differencing, most] = [leaf, count];
  return { baseline, differencing };
}

/** Cells whose value or flags differ between two releases, among the given geos and times (every dataset). */
export function changedCells(before: PublicRelease, after: PublicRelease, geos: readonly string[], times: readonly string[]): string[] {
  const changed: string[] = [];
  for (const dataset of Object.values(FIGURE_CATALOGUE) as DatasetDefinition[]) {
    const combinations = cellCodes(dataset);
    for (const geo of geos) {
      for (const time of times) {
        for (const codes of combinations) {
          const earlier = publishedCell(before, dataset.id, geo, time, codes);
          const later = publishedCell(after, dataset.id, geo, time, codes);
          if (earlier.value !== later.value || earlier.flags !== later.flags) changed.push(publicCellKey(dataset.id, geo, time, codes));
        }
      }
    }
  }
  return changed;
}

/**
 * The flags a cell must carry if flags say nothing beyond public information: its published value, its coverage
 * (reported, provisional, definitions), the published cells of its group's members (a confidential member cell makes
 * the group's `c`), the previous release's published value (`r`) and the release's method and k. Breakdowns not
 * collected are not covered (the trials collect every breakdown).
 */
export function flagsFromPublicData(release: PublicRelease, previous: PublicRelease | undefined, key: string, cell: PublicCell): string {
  const [dataset, geo, time, ...codes] = key.split('|') as [string, string, string, ...string[]];
  const coverage = release.coverage.get(coverageOf(geo, time));
  if (!coverage?.reported) return ':';
  const own =
    release.method === 'SUPPRESSION' && cell.value === null
      ? 'c'
      : release.method === 'CELL_KEY' && cell.value !== null && cell.value > 0 && cell.value < release.threshold
        ? 'u'
        : '';
  const members = STANDARD_COUNTRY_GROUPS.find((group) => group.id === geo)?.members ?? [];
  const memberConfidential =
    release.method === 'SUPPRESSION' &&
    members.some((member) => {
      const published = release.cells.get(publicCellKey(dataset, member, time, codes));
      return published?.value === null && published.flags.includes('c');
    });
  const previousCoverage = previous?.coverage.get(coverageOf(geo, time));
  const revised =
    previous !== undefined &&
    previousCoverage?.reported === true &&
    publishedCell(previous, dataset, geo, time, codes).value !== cell.value;
  return combineFlags(own, memberConfidential ? 'c' : '', coverage.flags, revised ? 'r' : '');
}
