import { describe, expect, it } from '@jest/globals';
import { parseIsoDate } from '../time/iso-date.js';
import { parsePeriod } from '../time/period.js';
import { EU27_2020, STANDARD_COUNTRY_GROUPS, defineCountryGroup, isGroupMember } from './country-group.js';
import { euMembersAt, isEuMember } from './eu-membership.js';
import { countryFromIso, isoFromCountry } from './eurostat-spelling.js';

describe('Eurostat spelling', () => {
  it('maps ISO GR and GB to EL and UK and passes other countries through', () => {
    expect(countryFromIso('GR')).toBe('EL');
    expect(countryFromIso('GB')).toBe('UK');
    expect(countryFromIso('EL')).toBe('EL');
    expect(countryFromIso('UK')).toBe('UK');
    expect(countryFromIso('PH')).toBe('PH');
    expect(countryFromIso('ph')).toBeUndefined();
    expect(countryFromIso('0')).toBeUndefined();
    expect(countryFromIso('XX')).toBeUndefined();
    expect(isoFromCountry('EL')).toBe('GR');
    expect(isoFromCountry('UK')).toBe('GB');
    expect(isoFromCountry('DE')).toBe('DE');
  });
});

describe('EU membership over time', () => {
  it('counts 28 members before the withdrawal of the United Kingdom and 27 after', () => {
    expect(euMembersAt(parseIsoDate('2020-01-31'))).toHaveLength(28);
    expect(euMembersAt(parseIsoDate('2020-02-01'))).toHaveLength(27);
    expect(euMembersAt(parseIsoDate('2013-06-30'))).toHaveLength(27);
    expect(euMembersAt(parseIsoDate('2013-07-01'))).toHaveLength(28);
    expect(euMembersAt(parseIsoDate('1994-12-31'))).toHaveLength(12);
    expect([...euMembersAt(parsePeriod('2026'))].sort()).toEqual(EU27_2020.members);
  });

  it('is never true for a country that was never a member', () => {
    expect(isEuMember('NO', parsePeriod('2026'))).toBe(false);
    expect(isEuMember('CH', parseIsoDate('2000-01-01'))).toBe(false);
    expect(isEuMember('DE', parseIsoDate('1957-12-31'))).toBe(false);
  });
});

describe('country groups', () => {
  it('defines EU27_2020 with a fixed membership', () => {
    expect(EU27_2020.members).toHaveLength(27);
    expect(isGroupMember(EU27_2020, 'HR')).toBe(true);
    expect(isGroupMember(EU27_2020, 'UK')).toBe(false);
    expect(isGroupMember(EU27_2020, 'EL')).toBe(true);
    expect(STANDARD_COUNTRY_GROUPS.map((group) => group.id)).toEqual(['EU27_2020']);
  });

  it('lets a hub define its own groups and checks them', () => {
    const group = defineCountryGroup('OSCE_PRESENT', 'OSCE participating states present in the data', ['UA', 'MD', 'US']);
    expect(group.members).toEqual(['MD', 'UA', 'US']);
    expect(() => defineCountryGroup('DE', 'Two letters', ['DE'])).toThrow('group id');
    expect(() => defineCountryGroup('ASEM', 'Asia-Europe', ['GR'])).toThrow('GR');
    expect(() => defineCountryGroup('ASEM', 'Asia-Europe', [])).toThrow('no members');
    expect(() => defineCountryGroup('ASEM', 'Asia-Europe', ['DE', 'DE'])).toThrow('twice');
    expect(() => defineCountryGroup('ASEM', ' ', ['DE'])).toThrow('label');
  });
});
