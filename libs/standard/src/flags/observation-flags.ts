import { OBSERVATION_FLAG, OBSERVATION_FLAG_CODES, type ObservationFlag } from '../code-lists/code-lists.js';

const rank: ReadonlyMap<string, number> = new Map(OBSERVATION_FLAG_CODES.map((flag, index) => [flag, index]));

function isObservationFlag(value: string): value is ObservationFlag {
  return rank.has(value);
}

/** The flags of a flag string such as `bd` or `:c`, in canonical order, each once. Throws on an unknown symbol. */
export function parseFlags(text: string): ObservationFlag[] {
  const flags = new Set<ObservationFlag>();
  for (const symbol of text) {
    if (symbol === ' ') continue;
    if (!isObservationFlag(symbol)) throw new RangeError(`'${symbol}' is not an observation flag (${OBSERVATION_FLAG_CODES.join(' ')})`);
    flags.add(symbol);
  }
  return sortFlags([...flags]);
}

function sortFlags(flags: ObservationFlag[]): ObservationFlag[] {
  return flags.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/**
 * Union of flag sets, written in canonical order without repeats: combineFlags('d', 'b') is 'bd', as a rate takes the
 * flags of its numerator and of its denominator.
 */
export function combineFlags(...parts: ReadonlyArray<string | readonly ObservationFlag[]>): string {
  const all = new Set<ObservationFlag>();
  for (const part of parts) {
    for (const flag of typeof part === 'string' ? parseFlags(part) : part) all.add(flag);
  }
  return sortFlags([...all]).join('');
}

/** Every flag's label from the code list, for outputs that print a legend. */
export const OBSERVATION_FLAG_LABELS: Readonly<Record<ObservationFlag, string>> = Object.fromEntries(
  OBSERVATION_FLAG.entries.map(({ code, label }) => [code, label]),
) as Record<ObservationFlag, string>;

/** Labels of the flags of a flag string, in canonical order (`bd` -> break in time series, definition differs). */
export function flagLabels(text: string): { readonly flag: ObservationFlag; readonly label: string }[] {
  return parseFlags(text).map((flag) => ({ flag, label: OBSERVATION_FLAG_LABELS[flag] }));
}
