import type { AgeGroup, ChildAdult, FineAgeGroup } from '../code-lists/code-lists.js';
import { type IsoDate, dateParts } from '../time/iso-date.js';

/**
 * Age in completed years on `at`. The birthday itself counts as the new age. Someone born on 29 February has their
 * birthday on 1 March in common years (the (month, day) comparison gives exactly that), as in UK and Hong Kong law.
 */
export function ageInYears(birthDate: IsoDate, at: IsoDate): number {
  const birth = dateParts(birthDate);
  const day = dateParts(at);
  const beforeBirthday = day.month < birth.month || (day.month === birth.month && day.day < birth.day);
  return day.year - birth.year - (beforeBirthday ? 1 : 0);
}

/**
 * The oldest age the standard accepts (docs/DATA-STANDARD.md section 2): the oldest verified person lived to 122, so
 * a birth date giving more than 120 years at registration is a typo (1826 for 1926), never a person.
 */
export const MAX_PLAUSIBLE_AGE = 120;

/** Whether a birth date gives a possible person on `at`: born by then, and at most MAX_PLAUSIBLE_AGE years old. */
export function isPlausibleBirthDate(birthDate: IsoDate, at: IsoDate): boolean {
  const age = ageInYears(birthDate, at);
  return age >= 0 && age <= MAX_PLAUSIBLE_AGE;
}

// Lower bound of each fine group, in order; the last group is open-ended.
const lowerBounds: readonly (readonly [number, FineAgeGroup])[] = [
  [65, 'Y_GE65'],
  [55, 'Y55-64'],
  [45, 'Y45-54'],
  [35, 'Y35-44'],
  [25, 'Y25-34'],
  [18, 'Y18-24'],
  [12, 'Y12-17'],
  [0, 'Y0-11'],
];

export function ageGroupOfAge(age: number): FineAgeGroup {
  if (!Number.isInteger(age) || age < 0) throw new RangeError('an age is a non-negative integer');
  const found = lowerBounds.find(([lower]) => age >= lower);
  // Unreachable for age >= 0, kept for the type checker.
  if (found === undefined) throw new RangeError('no age group');
  return found[1];
}

/** Age group at registration. A birth date after the registration date is a data error, not an age. */
export function ageGroupAt(birthDate: IsoDate, registrationDate: IsoDate): FineAgeGroup {
  const age = ageInYears(birthDate, registrationDate);
  if (age < 0) throw new RangeError('birth date is after the registration date');
  return ageGroupOfAge(age);
}

const childGroups: ReadonlySet<AgeGroup> = new Set<AgeGroup>(['Y0-11', 'Y12-17', 'Y_LT18']);

/** The published child/adult class of an age group (coarse codes included). */
export function childOrAdult(ageGroup: AgeGroup): ChildAdult {
  if (ageGroup === 'UNK') return 'UNK';
  return childGroups.has(ageGroup) ? 'Y_LT18' : 'Y_GE18';
}

/**
 * The most precise age group that holds every age from `fromAge` to `toAge` (inclusive; `toAge` undefined for an
 * open band such as `48+`): a fine group when the band fits in one, else Y_LT18 or Y_GE18 when it stays on one side of
 * 18, else UNK. Used to map age bands of other sources without inventing precision.
 */
export function ageGroupOfBand(fromAge: number, toAge: number | undefined): AgeGroup {
  if (!Number.isInteger(fromAge) || fromAge < 0) throw new RangeError('an age band starts at a non-negative integer');
  if (toAge !== undefined && (!Number.isInteger(toAge) || toAge < fromAge)) throw new RangeError('an age band ends at or after its start');
  const lowGroup = ageGroupOfAge(fromAge);
  const highGroup = toAge === undefined ? 'Y_GE65' : ageGroupOfAge(toAge);
  if (lowGroup === highGroup) return lowGroup;
  if (toAge !== undefined && toAge < 18) return 'Y_LT18';
  if (fromAge >= 18) return 'Y_GE18';
  return 'UNK';
}
