import { OBSERVATION_FLAG_CODES, type ObservationFlag } from '#app/standard';
import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';

/**
 * Eurostat observation flags in the order they are written when several combine: the data standard's code list is
 * the one source of the symbols and their canonical order (`:` then alphabetical); labels are the standard's
 * OBSERVATION_FLAG_LABELS.
 */
export const OBSERVATION_FLAGS = OBSERVATION_FLAG_CODES;
export type { ObservationFlag };

/**
 * A set of flags written as one string in canonical order, each flag at most once (`''`, `'c'`, `'bd'`).
 * Branded so that only the functions below, which keep the canonical form, can make one.
 */
export type ObservationFlags = string & { readonly __brand: 'ObservationFlags' };

export const NO_FLAGS = '' as ObservationFlags;

const rankOf = new Map<string, number>(OBSERVATION_FLAGS.map((flag, rank) => [flag, rank]));

function isObservationFlag(character: string): character is ObservationFlag {
  return rankOf.has(character);
}

function canonical(flags: Iterable<ObservationFlag>): ObservationFlags {
  const present = new Set(flags);
  return OBSERVATION_FLAGS.filter((flag) => present.has(flag)).join('') as ObservationFlags;
}

export function flagsOf(...flags: ObservationFlag[]): ObservationFlags {
  return canonical(flags);
}

/** The union of several flag sets, e.g. a group's own flags with those carried from its members. */
export function combineFlags(...sets: readonly ObservationFlags[]): ObservationFlags {
  return canonical(sets.flatMap((set) => flagList(set)));
}

/** Reads flags written by another system (any order, repeats allowed); rejects unknown symbols. */
export function parseFlags(text: string): ObservationFlags {
  const flags = [...text].map((character) => {
    if (!isObservationFlag(character)) {
      throw new DisclosureException(DisclosureErrorCode.INVALID_FLAG, `Unknown observation flag "${character}"`);
    }
    return character;
  });
  return canonical(flags);
}

export function flagList(flags: ObservationFlags): ObservationFlag[] {
  return [...flags].filter(isObservationFlag);
}

export function hasFlag(flags: ObservationFlags, flag: ObservationFlag): boolean {
  return flags.includes(flag);
}
