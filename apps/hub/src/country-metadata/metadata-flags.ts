import { addQuarters, comparePeriods, quartersOf, tryParsePeriod, type Period, type QuarterPeriod } from '#app/standard';

/** The fields of a metadata entry that flags depend on. */
export interface MetadataEntry {
  readonly country: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly legalDefinition: string;
  readonly identificationThreshold: string;
  readonly breakdownsNotCollected: readonly string[];
}

/** What a country's metadata says about one of its (geo, time) cells. */
export interface MetadataVerdict {
  /** `d`: the definition differs from the standard's. */
  readonly definitionDiffers: boolean;
  /** `b`: the definition or identification threshold changed from the period before. */
  readonly breakInSeries: boolean;
  /** Dimension ids published as not available (`:`). */
  readonly breakdownsNotCollected: readonly string[];
}

/** The definitions the standard itself uses; a national definition, narrower or wider, is flagged `d`. */
const STANDARD_DEFINITIONS: ReadonlySet<string> = new Set(['PALERMO', 'EU_DIRECTIVE']);

export function definitionDiffersFromStandard(legalDefinition: string): boolean {
  return !STANDARD_DEFINITIONS.has(legalDefinition);
}

/**
 * The entry in force for a quarter: the latest one starting at or before it (a year start counts from its first
 * quarter) that has not ended before it. Entries of one country, any order.
 */
export function entryInForce<E extends MetadataEntry>(entries: readonly E[], quarter: QuarterPeriod): E | undefined {
  let best: { entry: E; from: Period } | undefined;
  for (const entry of entries) {
    const from = tryParsePeriod(entry.validFrom);
    if (from === undefined || startsAfter(from, quarter)) continue;
    const to = entry.validTo === null ? undefined : tryParsePeriod(entry.validTo);
    if (to !== undefined && endsBefore(to, quarter)) continue;
    if (best === undefined || comparePeriods(from, best.from) > 0) best = { entry, from };
  }
  return best?.entry;
}

/**
 * Flags and unavailable breakdowns for a country in a quarter or a year. A year takes every entry in force in one of
 * its quarters: it differs if any does, breaks if any quarter breaks, and lacks what any quarter lacks.
 */
export function metadataVerdict(entries: readonly MetadataEntry[], time: Period): MetadataVerdict {
  const quarters = time.kind === 'quarter' ? [time] : quartersOf(time.year);
  let definitionDiffers = false;
  let breakInSeries = false;
  const notCollected = new Set<string>();
  for (const quarter of quarters) {
    const current = entryInForce(entries, quarter);
    if (current === undefined) continue;
    definitionDiffers ||= definitionDiffersFromStandard(current.legalDefinition);
    current.breakdownsNotCollected.forEach((breakdown) => notCollected.add(breakdown));
    const previous = entryInForce(entries, addQuarters(quarter, -1));
    breakInSeries ||=
      previous !== undefined &&
      (previous.legalDefinition !== current.legalDefinition || previous.identificationThreshold !== current.identificationThreshold);
  }
  return { definitionDiffers, breakInSeries, breakdownsNotCollected: [...notCollected].sort() };
}

function startsAfter(from: Period, quarter: QuarterPeriod): boolean {
  return from.year > quarter.year || (from.year === quarter.year && from.kind === 'quarter' && from.quarter > quarter.quarter);
}

function endsBefore(to: Period, quarter: QuarterPeriod): boolean {
  return to.year < quarter.year || (to.year === quarter.year && to.kind === 'quarter' && to.quarter < quarter.quarter);
}
