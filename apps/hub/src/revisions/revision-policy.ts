import { formatPeriod, parsePeriod, yearPeriod } from '#app/standard';
import { coverageKey } from '../releases/release-plan.js';

/**
 * What a release does with one country and time (docs/DISCLOSURE-CONTROL.md, "Revisions"):
 * - NEW: never published; computed from the current records.
 * - UNCHANGED: published, no change since; computed from the current records (the same as before).
 * - REVISED: published, and at least the minimum number of persons changed: computed from the current records, and
 *   the changes are consumed.
 * - HELD: published, with fewer changes than the minimum: published again from the aggregate it was last published
 *   from, so that the difference between two releases never traces one person.
 */
export type RevisionDecision = 'NEW' | 'UNCHANGED' | 'REVISED' | 'HELD';

export interface RevisionInput {
  /** Country and time pairs the release covers as reported (groups are sums of their members and follow them). */
  readonly reported: Iterable<{ readonly geo: string; readonly time: string }>;
  /** Country and time pairs with a stored published aggregate. */
  readonly published: ReadonlySet<string>;
  /** Persons changed since the last publication, by country and time. */
  readonly pendingChanges: ReadonlyMap<string, number>;
  /** The release's public parameter; 1 applies every change at once. */
  readonly minChanges: number;
}

/** Decisions are keyed like a release's coverage (one country and time). */
export const revisionKey = coverageKey;

export function decideRevisions(input: RevisionInput): Map<string, RevisionDecision> {
  if (!Number.isSafeInteger(input.minChanges) || input.minChanges < 1) throw new RangeError('minChanges must be a positive integer');
  const decisions = new Map<string, RevisionDecision>();
  for (const { geo, time } of input.reported) {
    const key = revisionKey(geo, time);
    const pending = input.pendingChanges.get(key) ?? 0;
    if (!input.published.has(key)) decisions.set(key, 'NEW');
    else if (pending === 0) decisions.set(key, 'UNCHANGED');
    else decisions.set(key, pending >= input.minChanges ? 'REVISED' : 'HELD');
  }
  return decisions;
}

/** Decisions after which the stored aggregate must be (re)written from the current records. */
export function refreshesAggregate(decision: RevisionDecision | undefined): boolean {
  return decision === 'NEW' || decision === 'REVISED';
}

/**
 * The times a change to a period's records touches: the period itself and its year (a year counts each person once
 * over its quarters, so a change in a quarter may change the year).
 */
export function timesOfPeriod(period: string): string[] {
  const parsed = parsePeriod(period);
  const year = formatPeriod(yearPeriod(parsed.year));
  return year === period ? [period] : [period, year];
}

/**
 * Persons changed per time, from the (period, pseudonym) pairs of changed records: a person counts once per time,
 * however many of their records changed.
 */
export function changesByTime(changed: Iterable<{ readonly period: string; readonly pseudonym: string }>): Map<string, number> {
  const persons = new Map<string, Set<string>>();
  for (const { period, pseudonym } of changed) {
    for (const time of timesOfPeriod(period)) {
      let set = persons.get(time);
      if (!set) persons.set(time, (set = new Set()));
      set.add(pseudonym);
    }
  }
  return new Map([...persons].map(([time, set]) => [time, set.size]));
}
