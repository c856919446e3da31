import {
  addCellKeys,
  flatDimension,
  groupedDimension,
  multiResponseDimension,
  perturb,
  protectBySuppression,
  type AggregatedCell,
  type Dimension,
  type PerturbationTable,
  type PublishedCell,
} from '#app/disclosure';
import { combineFlags, TOTAL, type DatasetDefinition } from '#app/standard';
import type { DisclosureMethod } from '../config/hub.config.js';
import { LEAF_COLUMNS, leafColumnKeyOf } from './dimension-columns.js';
import type { AggregatedRow } from './release-aggregation.js';
import { coverageKey, type Coverage, type ReleasePlan } from './release-plan.js';

/** A cell as stored in a release: published value (null when suppressed or not available) and flags only. */
export interface ReleaseCell {
  readonly geo: string;
  readonly time: string;
  readonly codes: readonly string[];
  readonly value: number | null;
  readonly flags: string;
}

export type DisclosureControl =
  | { readonly method: 'CELL_KEY'; readonly threshold: number; readonly table: PerturbationTable }
  | { readonly method: 'SUPPRESSION'; readonly threshold: number; readonly audit: boolean }
  | { readonly method: Extract<DisclosureMethod, 'NONE'> };

const SEPARATOR = '\u0001';

/** Catalogue dimensions as the disclosure library models them: exploitation is multi-response, the rest additive. */
export function disclosureDimensions(dataset: DatasetDefinition): Dimension[] {
  return dataset.dimensions.map((dimension) => {
    const leaves = dimension.codes.map((code) => code.code).filter((code) => code !== TOTAL);
    return LEAF_COLUMNS[leafColumnKeyOf(dimension)].multiValued
      ? multiResponseDimension(dimension.id, leaves)
      : flatDimension(dimension.id, leaves);
  });
}

/**
 * Protects one dataset once: country cells from SQL, group cells as sums of their members (counts and cell keys
 * alike, so a group is perturbed as a cell of its own), disclosure control by the configured method, then the
 * flags of coverage and country metadata. Returns the cells worth storing: every cell whose published value is not
 * 0 or that carries a flag of its own, every cell of a breakdown not collected (null, `:`), and a not-available
 * grand total for each geo and time that did not report. An absent cell of a reported geo and time is published as
 * 0 with the flags of its coverage.
 */
export function protectDataset(
  dataset: DatasetDefinition,
  rows: readonly AggregatedRow[],
  plan: ReleasePlan,
  control: DisclosureControl,
): ReleaseCell[] {
  const catalogueDimensions = disclosureDimensions(dataset);
  const geo = groupedDimension(
    'geo',
    plan.countries,
    plan.groups.map((group) => ({ code: group.id, members: group.members })),
  );
  const cells = withGroupCells(rows, plan);
  let published: readonly PublishedCell[];
  switch (control.method) {
    case 'CELL_KEY':
      // Cell by cell, as protectByCellKey does over the dense cube: a cell without records stays 0 without a flag,
      // so listing only the aggregated cells publishes the same values at a cost that follows the data.
      published = cells.map((cell) => ({
        coordinates: cell.coordinates,
        ...perturb(cell.count, cell.cellKey, control.table, { smallCountThreshold: control.threshold }),
      }));
      break;
    case 'SUPPRESSION':
      published = suppressPerTime(geo, catalogueDimensions, cells, plan.times, control);
      break;
    case 'NONE':
      published = cells.map((cell) => ({ coordinates: cell.coordinates, value: cell.count, flags: '' as PublishedCell['flags'] }));
      break;
  }

  const confidential = new Set<string>();
  if (control.method === 'SUPPRESSION') {
    for (const cell of published) if (cell.value === null) confidential.add(cell.coordinates.join(SEPARATOR));
  }
  const groupMembers = new Map(plan.groups.map((group) => [group.id, group.members]));
  const stored: ReleaseCell[] = [];
  for (const cell of published) {
    const [geoCode, time, ...codes] = cell.coordinates as [string, string, ...string[]];
    const coverage = plan.coverage.get(coverageKey(geoCode, time));
    // Breakdowns not collected are published as not available whatever the count (see notCollectedCells).
    if (!coverage?.reported || isNotCollected(dataset, coverage, codes)) continue;
    // A member's confidential cell is carried to its groups (docs/DATA-STANDARD.md section 6).
    const memberConfidential =
      confidential.size > 0 &&
      (groupMembers.get(geoCode) ?? []).some((member) => confidential.has([member, time, ...codes].join(SEPARATOR)));
    // Whether a row exists must depend on published things only: a stored 0 beside absent zeros would tell that
    // records were there.
    if (cell.value === 0 && cell.flags === '' && !memberConfidential) continue;
    stored.push({
      geo: geoCode,
      time,
      codes,
      value: cell.value,
      flags: combineFlags(cell.flags, memberConfidential ? 'c' : '', coverage.flags),
    });
  }
  const grandTotal = dataset.dimensions.map(() => TOTAL);
  for (const coverage of plan.coverage.values()) {
    if (!coverage.reported) stored.push({ geo: coverage.geo, time: coverage.time, codes: grandTotal, value: null, flags: ':' });
    else stored.push(...notCollectedCells(dataset, coverage));
  }
  return stored;
}

function isNotCollected(dataset: DatasetDefinition, coverage: Coverage, codes: readonly string[]): boolean {
  return (
    coverage.breakdownsNotCollected.length > 0 &&
    dataset.dimensions.some((dimension, index) => codes[index] !== TOTAL && coverage.breakdownsNotCollected.includes(dimension.id))
  );
}

/** Every cell of a reported geo and time that breaks down by a dimension its country does not collect: value null, `:`. */
function notCollectedCells(dataset: DatasetDefinition, coverage: Coverage): ReleaseCell[] {
  if (!dataset.dimensions.some((dimension) => coverage.breakdownsNotCollected.includes(dimension.id))) return [];
  const combinations = dataset.dimensions.reduce<string[][]>(
    (partial, dimension) => partial.flatMap((codes) => dimension.codes.map((code) => [...codes, code.code])),
    [[]],
  );
  const flags = combineFlags(':', coverage.flags);
  return combinations
    .filter((codes) => isNotCollected(dataset, coverage, codes))
    .map((codes) => ({ geo: coverage.geo, time: coverage.time, codes, value: null, flags }));
}

/** Country cells plus, for every group, the sums of its members' cells (counts and cell keys). */
function withGroupCells(rows: readonly AggregatedRow[], plan: ReleasePlan): AggregatedCell[] {
  const cells: AggregatedCell[] = rows.map((row) => ({
    coordinates: [row.geo, row.time, ...row.codes],
    count: row.count,
    cellKey: row.cellKey,
  }));
  const groupsOf = new Map<string, string[]>();
  for (const group of plan.groups) {
    for (const member of group.members) groupsOf.set(member, [...(groupsOf.get(member) ?? []), group.id]);
  }
  const sums = new Map<string, { coordinates: string[]; count: number; cellKey: bigint }>();
  for (const row of rows) {
    for (const group of groupsOf.get(row.geo) ?? []) {
      const coordinates = [group, row.time, ...row.codes];
      const key = coordinates.join(SEPARATOR);
      const sum = sums.get(key);
      if (sum) {
        sum.count += row.count;
        sum.cellKey = addCellKeys(sum.cellKey, row.cellKey);
      } else {
        sums.set(key, { coordinates, count: row.count, cellKey: row.cellKey });
      }
    }
  }
  return [...cells, ...sums.values()];
}

/** Time is independent (a year is not the sum of its quarters), so each time is its own suppression problem. */
function suppressPerTime(
  geo: Dimension,
  catalogueDimensions: readonly Dimension[],
  cells: readonly AggregatedCell[],
  times: readonly string[],
  control: { readonly threshold: number; readonly audit: boolean },
): PublishedCell[] {
  const byTime = new Map<string, { coordinates: string[]; count: number }[]>(times.map((time) => [time, []]));
  for (const cell of cells) {
    const [geoCode, time, ...codes] = cell.coordinates as [string, string, ...string[]];
    byTime.get(time)?.push({ coordinates: [geoCode, ...codes], count: cell.count });
  }
  const published: PublishedCell[] = [];
  for (const time of times) {
    const slice = protectBySuppression(
      { dimensions: [geo, ...catalogueDimensions], cells: byTime.get(time) ?? [] },
      { k: control.threshold, audit: control.audit },
    );
    for (const cell of slice) {
      const [geoCode, ...codes] = cell.coordinates as [string, ...string[]];
      published.push({ coordinates: [geoCode, time, ...codes], value: cell.value, flags: cell.flags });
    }
  }
  return published;
}
