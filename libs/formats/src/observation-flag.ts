import { OBSERVATION_FLAG_CODES, OBSERVATION_FLAG_LABELS, type ObservationFlag } from '#app/standard';
import { FormatsException, FormatsExceptionCode } from './formats.exception.js';

/**
 * Eurostat's observation flags in the data standard's canonical order (`:`, `-`, then alphabetical, as Eurostat writes
 * `bep`), with the standard's labels; every output writes combined flags in this order (`cu`, never `uc`) so that
 * equal flag sets compare equal as text.
 */
export const OBSERVATION_FLAG_ORDER = OBSERVATION_FLAG_CODES;
export type { ObservationFlag };

export const DEFAULT_FLAG_LABELS: Readonly<Record<ObservationFlag, string>> = OBSERVATION_FLAG_LABELS;

const RANK: ReadonlyMap<string, number> = new Map(OBSERVATION_FLAG_ORDER.map((flag, rank) => [flag, rank]));

export function isObservationFlag(text: string): text is ObservationFlag {
  return RANK.has(text);
}

/** Splits a flag string into distinct flags in canonical order; an unknown character is an error, not noise. */
export function parseFlags(flags: string): ObservationFlag[] {
  const found = new Set<ObservationFlag>();
  for (const character of flags) {
    if (!isObservationFlag(character)) {
      throw new FormatsException(
        FormatsExceptionCode.UNKNOWN_FLAG,
        `unknown observation flag ${JSON.stringify(character)}; known flags are "${OBSERVATION_FLAG_ORDER.join('')}"`,
      );
    }
    found.add(character);
  }
  return OBSERVATION_FLAG_ORDER.filter((flag) => found.has(flag));
}

/** The canonical text of a flag set: distinct flags in canonical order, e.g. `uc` -> `cu`. */
export function canonicalFlags(flags: string): string {
  return parseFlags(flags).join('');
}

/** The label the hub's metadata gives a flag, or the standard's wording when it gives none. */
export function flagLabel(flag: ObservationFlag, labels: Readonly<Record<string, string>> = {}): string {
  const fromMetadata = labels[flag];
  return fromMetadata !== undefined && fromMetadata.trim() !== '' ? fromMetadata : DEFAULT_FLAG_LABELS[flag];
}

/** Labels of a flag string, in canonical order. */
export function flagLabelsOf(flags: string, labels: Readonly<Record<string, string>> = {}): string[] {
  return parseFlags(flags).map((flag) => flagLabel(flag, labels));
}
