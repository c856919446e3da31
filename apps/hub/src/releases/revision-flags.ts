import { combineFlags } from '#app/standard';
import type { ReleaseCell } from './dataset-protection.js';
import { coverageKey, type ReleasePlan } from './release-plan.js';

/** What the previous release published for one dataset, and which geo and time it covered as reported. */
export interface PreviousRelease {
  readonly values: ReadonlyMap<string, number | null>;
  readonly reported: ReadonlySet<string>;
}

export function cellKey(geo: string, time: string, codes: readonly string[]): string {
  return [geo, time, ...codes].join('\u0001');
}

/**
 * Flags `r` on every cell whose published value differs from the previous release's, for geo and time that were
 * reported in both (a newly reported period is new, not revised). A cell published before but now an absent zero
 * gets a row of its own, value 0 with `r`, so that the revision is visible.
 */
export function markRevisions(cells: readonly ReleaseCell[], previous: PreviousRelease | undefined, plan: ReleasePlan): ReleaseCell[] {
  if (previous === undefined) return [...cells];
  const reportedBoth = (geo: string, time: string): boolean =>
    previous.reported.has(coverageKey(geo, time)) && plan.coverage.get(coverageKey(geo, time))?.reported === true;
  const seen = new Set<string>();
  const marked = cells.map((cell) => {
    const key = cellKey(cell.geo, cell.time, cell.codes);
    seen.add(key);
    if (!reportedBoth(cell.geo, cell.time)) return cell;
    const before = previous.values.has(key) ? previous.values.get(key) : 0;
    return before === cell.value ? cell : { ...cell, flags: combineFlags(cell.flags, 'r') };
  });
  for (const [key, before] of previous.values) {
    if (seen.has(key) || before === 0) continue;
    const [geo, time, ...codes] = key.split('\u0001') as [string, string, ...string[]];
    if (!reportedBoth(geo, time)) continue;
    const coverage = plan.coverage.get(coverageKey(geo, time));
    marked.push({ geo, time, codes, value: 0, flags: combineFlags(coverage?.flags ?? '', 'r') });
  }
  return marked;
}
