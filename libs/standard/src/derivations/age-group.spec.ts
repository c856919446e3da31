import { describe, expect, it } from '@jest/globals';
import { AGE_GROUP_CODES } from '../code-lists/code-lists.js';
import { parseIsoDate } from '../time/iso-date.js';
import {
  ageGroupAt,
  ageGroupOfAge,
  ageGroupOfBand,
  ageInYears,
  childOrAdult,
  isPlausibleBirthDate,
  MAX_PLAUSIBLE_AGE,
} from './age-group.js';

const d = parseIsoDate;

describe('age at registration', () => {
  it('counts the birthday itself as the new age', () => {
    expect(ageInYears(d('2008-07-15'), d('2026-07-14'))).toBe(17);
    expect(ageInYears(d('2008-07-15'), d('2026-07-15'))).toBe(18);
    expect(ageGroupAt(d('2008-07-15'), d('2026-07-14'))).toBe('Y12-17');
    expect(ageGroupAt(d('2008-07-15'), d('2026-07-15'))).toBe('Y18-24');
  });

  it('gives someone born on 29 February their birthday on 1 March in common years', () => {
    expect(ageInYears(d('2008-02-29'), d('2026-02-28'))).toBe(17);
    expect(ageInYears(d('2008-02-29'), d('2026-03-01'))).toBe(18);
    expect(ageGroupAt(d('2008-02-29'), d('2026-02-28'))).toBe('Y12-17');
    expect(ageGroupAt(d('2008-02-29'), d('2026-03-01'))).toBe('Y18-24');
    // In a leap year the birthday is the day itself.
    expect(ageInYears(d('2008-02-29'), d('2028-02-28'))).toBe(19);
    expect(ageInYears(d('2008-02-29'), d('2028-02-29'))).toBe(20);
  });

  it('handles a registration on 29 February and the year boundary', () => {
    expect(ageInYears(d('2006-03-01'), d('2024-02-29'))).toBe(17);
    expect(ageInYears(d('2005-12-31'), d('2024-01-01'))).toBe(18);
    expect(ageInYears(d('2026-05-01'), d('2026-05-01'))).toBe(0);
  });

  it('maps ages to groups at every boundary', () => {
    const at = [0, 11, 12, 17, 18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 110].map(ageGroupOfAge);
    expect(at).toEqual([
      'Y0-11',
      'Y0-11',
      'Y12-17',
      'Y12-17',
      'Y18-24',
      'Y18-24',
      'Y25-34',
      'Y25-34',
      'Y35-44',
      'Y35-44',
      'Y45-54',
      'Y45-54',
      'Y55-64',
      'Y55-64',
      'Y_GE65',
      'Y_GE65',
    ]);
    expect(() => ageGroupOfAge(-1)).toThrow(RangeError);
    expect(() => ageGroupOfAge(3.5)).toThrow(RangeError);
  });

  it('refuses a birth after the registration', () => {
    expect(() => ageGroupAt(d('2026-05-02'), d('2026-05-01'))).toThrow('after the registration');
  });
});

describe('child or adult', () => {
  it('classes every age group, coarse codes included', () => {
    const classes = Object.fromEntries(AGE_GROUP_CODES.map((group) => [group, childOrAdult(group)]));
    expect(classes).toEqual({
      'Y0-11': 'Y_LT18',
      'Y12-17': 'Y_LT18',
      'Y18-24': 'Y_GE18',
      'Y25-34': 'Y_GE18',
      'Y35-44': 'Y_GE18',
      'Y45-54': 'Y_GE18',
      'Y55-64': 'Y_GE18',
      Y_GE65: 'Y_GE18',
      Y_LT18: 'Y_LT18',
      Y_GE18: 'Y_GE18',
      UNK: 'UNK',
    });
  });
});

describe('age bands of other sources', () => {
  it('keeps a band that fits one group, coarsens one that straddles, and never invents precision', () => {
    const ctdc: [number, number | undefined, string][] = [
      [0, 8, 'Y0-11'],
      [9, 17, 'Y_LT18'],
      [18, 20, 'Y18-24'],
      [21, 23, 'Y18-24'],
      [24, 26, 'Y_GE18'],
      [27, 29, 'Y25-34'],
      [30, 38, 'Y_GE18'],
      [39, 47, 'Y_GE18'],
      [48, undefined, 'Y_GE18'],
      [70, undefined, 'Y_GE65'],
      [15, 20, 'UNK'],
      [0, undefined, 'UNK'],
      [12, 17, 'Y12-17'],
    ];
    for (const [from, to, expected] of ctdc) expect([from, to, ageGroupOfBand(from, to)]).toEqual([from, to, expected]);
    expect(() => ageGroupOfBand(20, 18)).toThrow(RangeError);
  });
});

describe('isPlausibleBirthDate', () => {
  it('accepts ages from 0 to MAX_PLAUSIBLE_AGE and refuses the rest', () => {
    const at = parseIsoDate('2026-03-10');
    expect(MAX_PLAUSIBLE_AGE).toBe(120);
    expect(isPlausibleBirthDate(parseIsoDate('2026-03-10'), at)).toBe(true);
    expect(isPlausibleBirthDate(parseIsoDate('1906-03-10'), at)).toBe(true);
    expect(isPlausibleBirthDate(parseIsoDate('1905-03-10'), at)).toBe(false);
    expect(isPlausibleBirthDate(parseIsoDate('1826-01-15'), at)).toBe(false);
    expect(isPlausibleBirthDate(parseIsoDate('2026-03-11'), at)).toBe(false);
  });
});
