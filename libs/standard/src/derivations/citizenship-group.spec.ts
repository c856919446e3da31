import { describe, expect, it } from '@jest/globals';
import { parseIsoDate } from '../time/iso-date.js';
import { parsePeriod } from '../time/period.js';
import { citizenshipGroup } from './citizenship-group.js';

const d = parseIsoDate;
const p = parsePeriod;

describe('citizenship group', () => {
  it('is NAT for citizens of the reporting country, EU_OTH for other members, NON_EU for the rest', () => {
    expect(citizenshipGroup('DE', 'DE', d('2026-05-01'))).toBe('NAT');
    expect(citizenshipGroup('RO', 'DE', d('2026-05-01'))).toBe('EU_OTH');
    expect(citizenshipGroup('NG', 'DE', d('2026-05-01'))).toBe('NON_EU');
    expect(citizenshipGroup('EL', 'IT', p('2026-Q3'))).toBe('EU_OTH');
  });

  it('passes stateless and unknown through', () => {
    expect(citizenshipGroup('STLS', 'DE', p('2026-Q3'))).toBe('STLS');
    expect(citizenshipGroup('UNK', 'DE', p('2026-Q3'))).toBe('UNK');
  });

  it('follows the United Kingdom out of the EU on 31 January 2020', () => {
    expect(citizenshipGroup('UK', 'DE', d('2020-01-31'))).toBe('EU_OTH');
    expect(citizenshipGroup('UK', 'DE', d('2020-02-01'))).toBe('NON_EU');
    expect(citizenshipGroup('UK', 'DE', p('2019-Q4'))).toBe('EU_OTH');
    // A period is judged on its last day: the quarter and the year of the withdrawal are outside.
    expect(citizenshipGroup('UK', 'DE', p('2020-Q1'))).toBe('NON_EU');
    expect(citizenshipGroup('UK', 'DE', p('2020'))).toBe('NON_EU');
    expect(citizenshipGroup('UK', 'DE', p('2019'))).toBe('EU_OTH');
    expect(citizenshipGroup('UK', 'UK', p('2019'))).toBe('NAT');
  });

  it('follows Croatia into the EU on 1 July 2013', () => {
    expect(citizenshipGroup('HR', 'AT', d('2013-06-30'))).toBe('NON_EU');
    expect(citizenshipGroup('HR', 'AT', d('2013-07-01'))).toBe('EU_OTH');
    expect(citizenshipGroup('HR', 'AT', p('2013-Q2'))).toBe('NON_EU');
    expect(citizenshipGroup('HR', 'AT', p('2013-Q3'))).toBe('EU_OTH');
    expect(citizenshipGroup('HR', 'AT', p('2013'))).toBe('EU_OTH');
    expect(citizenshipGroup('HR', 'AT', p('2012'))).toBe('NON_EU');
  });

  it('knows the 2004 and 2007 enlargements', () => {
    expect(citizenshipGroup('PL', 'DE', d('2004-04-30'))).toBe('NON_EU');
    expect(citizenshipGroup('PL', 'DE', d('2004-05-01'))).toBe('EU_OTH');
    expect(citizenshipGroup('RO', 'IT', p('2006-Q4'))).toBe('NON_EU');
    expect(citizenshipGroup('RO', 'IT', p('2007-Q1'))).toBe('EU_OTH');
  });

  it('uses EU membership, not geography, for a non-member reporting country', () => {
    expect(citizenshipGroup('RO', 'MD', p('2026-Q1'))).toBe('EU_OTH');
    expect(citizenshipGroup('UA', 'MD', p('2026-Q1'))).toBe('NON_EU');
  });
});
