import {
  addQuarters,
  combineFlags,
  comparePeriods,
  formatPeriod,
  isoDate,
  parsePeriod,
  quarterOfDate,
  yearPeriod,
  type CountryGroup,
  type Period,
  type QuarterPeriod,
} from '#app/standard';
import { metadataVerdict, type MetadataEntry } from '../country-metadata/metadata-flags.js';

/** What a release covers and, per geo and time, whether it reported and which flags all its cells carry. */
export interface ReleasePlan {
  /** Reporting countries (expected or having reported), sorted: the leaves of the geo dimension. */
  readonly countries: readonly string[];
  /** Country groups with at least one country of the release; `members` are the ones present. */
  readonly groups: readonly { readonly id: string; readonly members: readonly string[] }[];
  /** Quarters and years with at least one accepted return, in Eurostat's order (2025-Q4, 2026, 2026-Q1...). */
  readonly times: readonly string[];
  readonly coverage: ReadonlyMap<string, Coverage>;
}

export interface Coverage {
  readonly geo: string;
  readonly time: string;
  readonly reported: boolean;
  /**
   * Flags every cell of this geo and time carries: `:` missing (or, for a group, a member missing), `-` a true zero the
   * country confirmed, `p`, `d`, `b`.
   */
  readonly flags: string;
  /** Dimension ids whose non-TOTAL cells are not available (`:`). */
  readonly breakdownsNotCollected: readonly string[];
}

/** A country and period with an accepted return. */
export interface AcceptedPeriod {
  readonly country: string;
  readonly period: string;
  /** The revision in force confirms that nothing was registered (a true zero). */
  readonly confirmedZero: boolean;
}

export interface ReleasePlanInput {
  /** Countries of the active nodes. */
  readonly expectedCountries: readonly string[];
  /** Every (country, period) with an accepted return. */
  readonly submissions: readonly AcceptedPeriod[];
  readonly metadata: readonly MetadataEntry[];
  readonly groups: readonly CountryGroup[];
  readonly publishedAt: Date;
  /** Quarters open for revision, counting the quarter of publication (2: this one and the one before). */
  readonly provisionalQuarters: number;
}

const COVERAGE_KEY_SEPARATOR = '\u0000';

export function coverageKey(geo: string, time: string): string {
  return `${geo}${COVERAGE_KEY_SEPARATOR}${time}`;
}

export function coverageKeyParts(key: string): { geo: string; time: string } {
  const [geo, time] = key.split(COVERAGE_KEY_SEPARATOR) as [string, string];
  return { geo, time };
}

export function planRelease(input: ReleasePlanInput): ReleasePlan {
  const reported = new Set<string>();
  // A time is a confirmed zero when every return in force that counts into it is one: a year, when all its returns are.
  const confirmedZero = new Map<string, boolean>();
  const periods = new Map<string, Period>();
  for (const { country, period: text, confirmedZero: zero } of input.submissions) {
    const period = parsePeriod(text);
    const year = yearPeriod(period.year);
    periods.set(text, period);
    periods.set(formatPeriod(year), year);
    for (const key of [coverageKey(country, text), coverageKey(country, formatPeriod(year))]) {
      reported.add(key);
      confirmedZero.set(key, (confirmedZero.get(key) ?? true) && zero);
    }
  }
  const times = [...periods.values()].sort(comparePeriods);
  const countries = [...new Set([...input.expectedCountries, ...input.submissions.map((submission) => submission.country)])].sort();
  const isProvisional = provisionalTest(input.publishedAt, input.provisionalQuarters);
  const metadataOf = groupBy(input.metadata, (entry) => entry.country);

  const coverage = new Map<string, Coverage>();
  for (const country of countries) {
    for (const period of times) {
      const time = formatPeriod(period);
      const key = coverageKey(country, time);
      if (!reported.has(key)) {
        coverage.set(key, { geo: country, time, reported: false, flags: ':', breakdownsNotCollected: [] });
        continue;
      }
      const verdict = metadataVerdict(metadataOf.get(country) ?? [], period);
      coverage.set(key, {
        geo: country,
        time,
        reported: true,
        flags: combineFlags(
          confirmedZero.get(key) === true ? '-' : '',
          isProvisional(period) ? 'p' : '',
          verdict.definitionDiffers ? 'd' : '',
          verdict.breakInSeries ? 'b' : '',
        ),
        breakdownsNotCollected: verdict.breakdownsNotCollected,
      });
    }
  }

  const present = new Set(countries);
  const groups = input.groups
    .map((group) => ({ id: group.id, members: group.members.filter((member) => present.has(member)), all: group.members }))
    .filter((group) => group.members.length > 0);
  for (const group of groups) {
    for (const period of times) {
      const time = formatPeriod(period);
      const reporting = group.members.filter((member) => coverage.get(coverageKey(member, time))?.reported);
      const key = coverageKey(group.id, time);
      if (reporting.length === 0) {
        coverage.set(key, { geo: group.id, time, reported: false, flags: ':', breakdownsNotCollected: [] });
        continue;
      }
      // A group is the sum of the members that reported; a member missing is carried to it as `:`.
      const incomplete = reporting.length < group.all.length;
      coverage.set(key, {
        geo: group.id,
        time,
        reported: true,
        flags: combineFlags(incomplete ? ':' : '', isProvisional(period) ? 'p' : ''),
        breakdownsNotCollected: [
          ...new Set(reporting.flatMap((member) => coverage.get(coverageKey(member, time))?.breakdownsNotCollected ?? [])),
        ].sort(),
      });
    }
  }
  return {
    countries,
    groups: groups.map(({ id, members }) => ({ id, members })),
    times: times.map(formatPeriod),
    coverage,
  };
}

/** A quarter is provisional from `count - 1` quarters before the quarter of publication on; a year if any quarter is. */
export function provisionalTest(publishedAt: Date, count: number): (period: Period) => boolean {
  if (count <= 0) return () => false;
  const current = quarterOfDate(isoDate(publishedAt.getUTCFullYear(), publishedAt.getUTCMonth() + 1, publishedAt.getUTCDate()));
  const firstOpen = addQuarters(current, 1 - count);
  const isOpen = (quarter: QuarterPeriod): boolean => comparePeriods(quarter, firstOpen) >= 0;
  return (period) => (period.kind === 'quarter' ? isOpen(period) : isOpen({ kind: 'quarter', year: period.year, quarter: 4 }));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
