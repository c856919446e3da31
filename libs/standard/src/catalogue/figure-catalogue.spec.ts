import { describe, expect, it } from '@jest/globals';
import { DATASET_IDS, type DatasetId } from '../code-lists/code-lists.js';
import { testPseudonym, victimRecord } from '../testing/test-records.js';
import type { PseudonymisedRecord } from '../records/pseudonymised-record.js';
import { DIMENSION_LABELS, FIGURE_CATALOGUE, TOTAL } from './figure-catalogue.js';
import { recordCoordinates, recordLeafCells } from './record-coordinates.js';

function offender(overrides: Record<string, unknown> = {}): PseudonymisedRecord {
  const record = { ...victimRecord({ legalStatus: 'PROSECUTED', sex: 'M', ...overrides }) } as Record<string, unknown>;
  delete record['registeringOrganisation'];
  return record as unknown as PseudonymisedRecord;
}

const dimensionIds = (id: DatasetId): string[] => FIGURE_CATALOGUE[id].dimensions.map((dimension) => dimension.id);
const codesOf = (id: DatasetId, dimension: string): string[] =>
  FIGURE_CATALOGUE[id].dimensions.find((candidate) => candidate.id === dimension)?.codes.map((code) => code.code) ?? [];

describe('figure catalogue', () => {
  it('defines the six datasets with Eurostat-style dimensions', () => {
    expect(Object.keys(FIGURE_CATALOGUE)).toEqual([...DATASET_IDS]);
    expect(dimensionIds('victims_sex_age')).toEqual(['leg_stat', 'sex', 'age']);
    expect(dimensionIds('victims_exploitation')).toEqual(['exploit', 'sex', 'age']);
    expect(dimensionIds('victims_citizenship')).toEqual(['citizen', 'sex']);
    expect(dimensionIds('victims_registering_org')).toEqual(['reg_org', 'sex']);
    expect(dimensionIds('offenders_stage')).toEqual(['leg_stat', 'sex', 'exploit']);
    expect(dimensionIds('protection')).toEqual(['permit', 'compens', 'return', 'age']);
    expect(FIGURE_CATALOGUE.offenders_stage.legalStatuses).toEqual(['SUSPECT', 'PROSECUTED', 'CONVICTED']);
    expect(FIGURE_CATALOGUE.victims_citizenship.legalStatuses).toEqual(['PRESUMED_VICTIM', 'IDENTIFIED_VICTIM']);
  });

  it('ends every dimension with its TOTAL margin and labels every code', () => {
    for (const dataset of Object.values(FIGURE_CATALOGUE)) {
      expect(dataset.title.length).toBeGreaterThan(10);
      for (const dimension of dataset.dimensions) {
        expect(dimension.total).toBe(TOTAL);
        expect(dimension.codes.at(-1)?.code).toBe(TOTAL);
        expect(dimension.codes.filter((code) => code.code === TOTAL)).toHaveLength(1);
        expect(dimension.label).toBe(DIMENSION_LABELS[dimension.id]);
        expect(dimension.codes.every((code) => code.label.length > 0)).toBe(true);
        expect(new Set(dimension.codes.map((code) => code.code)).size).toBe(dimension.codes.length);
      }
    }
    expect(DIMENSION_LABELS.geo).toBe('Geopolitical entity (reporting)');
  });

  it('uses the codes the issue names for legal status and child/adult', () => {
    expect(codesOf('victims_sex_age', 'leg_stat')).toEqual(['PRESUMED_VICTIM', 'IDENTIFIED_VICTIM', 'TOTAL']);
    expect(codesOf('victims_exploitation', 'age')).toEqual(['Y_LT18', 'Y_GE18', 'UNK', 'TOTAL']);
    expect(codesOf('protection', 'age')).toEqual(['Y_LT18', 'Y_GE18', 'UNK', 'TOTAL']);
    expect(codesOf('victims_sex_age', 'age')).toEqual([
      'Y0-11',
      'Y12-17',
      'Y_LT18_UNK',
      'Y18-24',
      'Y25-34',
      'Y35-44',
      'Y45-54',
      'Y55-64',
      'Y_GE65',
      'Y_GE18_UNK',
      'UNK',
      'TOTAL',
    ]);
    expect(codesOf('victims_citizenship', 'citizen')).toEqual(['NAT', 'EU_OTH', 'NON_EU', 'STLS', 'UNK', 'TOTAL']);
    expect(codesOf('protection', 'permit')).toContain('UNK');
  });
});

describe('record coordinates', () => {
  it('places a victim in each victims dataset', () => {
    const record = victimRecord({ ageGroup: 'Y12-17', citizenship: 'UK', period: '2019-Q4' });
    expect(recordCoordinates('victims_sex_age', record)).toEqual({
      geo: ['DE'],
      time: ['2019-Q4'],
      leg_stat: ['IDENTIFIED_VICTIM'],
      sex: ['F'],
      age: ['Y12-17'],
    });
    expect(recordCoordinates('victims_exploitation', record)).toMatchObject({ exploit: ['SEXUAL'], sex: ['F'], age: ['Y_LT18'] });
    expect(recordCoordinates('victims_citizenship', record)).toMatchObject({ citizen: ['EU_OTH'] });
    expect(recordCoordinates('victims_citizenship', { ...record, period: '2020-Q2' })).toMatchObject({ citizen: ['NON_EU'] });
    expect(recordCoordinates('victims_citizenship', { ...record, citizenship: 'DE' })).toMatchObject({ citizen: ['NAT'] });
    expect(recordCoordinates('victims_registering_org', record)).toMatchObject({ reg_org: ['POLICE'] });
  });

  it('gives a person with several forms one leaf per form', () => {
    const record = victimRecord({ exploitation: ['SEXUAL', 'LABOUR', 'BEGGING'], labourSector: 'A' });
    expect(recordCoordinates('victims_exploitation', record)?.exploit).toEqual(['SEXUAL', 'LABOUR', 'BEGGING']);
    expect(recordLeafCells('victims_exploitation', record)).toEqual([
      ['SEXUAL', 'F', 'Y_GE18'],
      ['LABOUR', 'F', 'Y_GE18'],
      ['BEGGING', 'F', 'Y_GE18'],
    ]);
    expect(recordLeafCells('victims_sex_age', record)).toEqual([['IDENTIFIED_VICTIM', 'F', 'Y18-24']]);
  });

  it('keeps coarse age codes in leaves of their own', () => {
    expect(recordCoordinates('victims_sex_age', victimRecord({ ageGroup: 'Y_LT18' }))?.age).toEqual(['Y_LT18_UNK']);
    expect(recordCoordinates('victims_sex_age', victimRecord({ ageGroup: 'Y_GE18' }))?.age).toEqual(['Y_GE18_UNK']);
    expect(recordCoordinates('victims_exploitation', victimRecord({ ageGroup: 'Y_LT18' }))?.age).toEqual(['Y_LT18']);
    expect(recordCoordinates('protection', victimRecord({ ageGroup: 'UNK' }))?.age).toEqual(['UNK']);
  });

  it('counts victims only in victims datasets and offenders only in offenders_stage', () => {
    const suspect = offender({ exploitation: ['LABOUR'], pseudonym: testPseudonym(9) });
    for (const id of ['victims_sex_age', 'victims_exploitation', 'victims_citizenship', 'victims_registering_org', 'protection'] as const) {
      expect(recordCoordinates(id, suspect)).toBeUndefined();
      expect(recordLeafCells(id, suspect)).toEqual([]);
    }
    expect(recordCoordinates('offenders_stage', suspect)).toEqual({
      geo: ['DE'],
      time: ['2026-Q3'],
      leg_stat: ['PROSECUTED'],
      sex: ['M'],
      exploit: ['LABOUR'],
    });
    expect(recordCoordinates('offenders_stage', victimRecord())).toBeUndefined();
  });

  it('puts a victim without protection data in the UNK leaves of protection', () => {
    expect(recordCoordinates('protection', victimRecord())).toMatchObject({
      permit: ['UNK'],
      compens: ['UNK'],
      return: ['UNK'],
      age: ['Y_GE18'],
    });
    const protectedVictim = victimRecord({ protection: { residencePermit: 'TEMPORARY_COOPERATION', returned: 'VOLUNTARY' } });
    expect(recordCoordinates('protection', protectedVictim)).toMatchObject({
      permit: ['TEMPORARY_COOPERATION'],
      compens: ['UNK'],
      return: ['VOLUNTARY'],
    });
  });

  it('keeps the year of a year-only record as its time', () => {
    expect(recordCoordinates('victims_sex_age', victimRecord({ period: '2016' }))?.time).toEqual(['2016']);
  });

  it('only ever returns codes of the dataset', () => {
    const records = [
      victimRecord({ ageGroup: 'Y_GE18', sex: 'OTHER', citizenship: 'STLS', exploitation: ['UNK'], registeringOrganisation: 'UNK' }),
      victimRecord({
        ageGroup: 'Y55-64',
        sex: 'UNK',
        citizenship: 'UNK',
        legalStatus: 'PRESUMED_VICTIM',
        protection: { compensation: 'PAID' },
      }),
      offender({ exploitation: ['ARMED_CONFLICT', 'OTHER'] }),
    ];
    for (const dataset of Object.values(FIGURE_CATALOGUE)) {
      for (const record of records) {
        for (const cell of recordLeafCells(dataset.id, record)) {
          cell.forEach((code, index) => expect(dataset.dimensions[index]?.codes.map((c) => c.code)).toContain(code));
          expect(cell).not.toContain(TOTAL);
        }
      }
    }
  });
});
