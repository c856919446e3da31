/** A value of one geo in one period, as ranked in a comparative report. */
export interface RankCandidate {
  readonly geo: string;
  readonly value: number | null;
  readonly flags: string;
  /** Country groups are shown beside countries but not ranked among them. */
  readonly isGroup: boolean;
}

/**
 * Comparable: a country with a value whose definition does not differ from the standard's (`d`) and that is not marked
 * not available (`:`). Other flags (provisional, low reliability...) are shown but do not exclude.
 */
export function isComparable(candidate: RankCandidate): boolean {
  return !candidate.isGroup && candidate.value !== null && !candidate.flags.includes('d') && !candidate.flags.includes(':');
}

/**
 * Rank 1 for the highest value among the comparable candidates; equal values share a rank and the next rank skips
 * (1, 2, 2, 4), as in sports tables. Candidates that are not comparable get no rank.
 */
export function rankComparable(candidates: readonly RankCandidate[]): Map<string, number> {
  const comparable = candidates.filter(isComparable).sort((a, b) => (b.value as number) - (a.value as number));
  const ranks = new Map<string, number>();
  comparable.forEach((candidate, index) => {
    const previous = comparable[index - 1];
    ranks.set(
      candidate.geo,
      previous !== undefined && previous.value === candidate.value ? (ranks.get(previous.geo) as number) : index + 1,
    );
  });
  return ranks;
}
