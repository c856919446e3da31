import { describe, expect, it } from '@jest/globals';
import { FIGURE_CATALOGUE, type PseudonymisedRecord } from '#app/standard';
import { LEAF_COLUMNS, leafColumnKeyOf, recordLeaves } from './dimension-columns.js';
import { datasetAggregationSql } from './release-aggregation.js';

const victim = {
  pseudonym: 'a'.repeat(43),
  country: 'DE',
  period: '2019-Q3',
  legalStatus: 'IDENTIFIED_VICTIM',
  sex: 'F',
  ageGroup: 'Y_LT18',
  citizenship: 'UK',
  exploitation: ['SEXUAL', 'BEGGING'],
  registeringOrganisation: 'NGO',
  crossBorder: 'CROSS_BORDER',
  consent: { statistics: true, international: true },
} as PseudonymisedRecord;

describe('leaf columns of the figure catalogue', () => {
  it('maps every dimension of every dataset to a column, age to two (detailed and child/adult)', () => {
    const keys = Object.values(FIGURE_CATALOGUE).flatMap((dataset) => dataset.dimensions.map(leafColumnKeyOf));
    expect(new Set(keys)).toEqual(new Set(Object.keys(LEAF_COLUMNS)));
  });

  it("stores the catalogue's leaves of a victim: coarse age, citizenship group by date, UNK for absent protection", () => {
    expect(recordLeaves(victim)).toEqual({
      leg_stat: ['IDENTIFIED_VICTIM'],
      sex: ['F'],
      age_detailed: ['Y_LT18_UNK'],
      age_class: ['Y_LT18'],
      // The United Kingdom was in the EU for a German registration in 2019.
      citizen: ['EU_OTH'],
      exploit: ['SEXUAL', 'BEGGING'],
      reg_org: ['NGO'],
      permit: ['UNK'],
      compens: ['UNK'],
      return: ['UNK'],
    });
    expect(recordLeaves({ ...victim, period: '2021-Q1' }).citizen).toEqual(['NON_EU']);
  });

  it('stores only the leaves of the offenders dataset for an offender', () => {
    const { registeringOrganisation: _organisation, ...offender } = victim as PseudonymisedRecord & { registeringOrganisation: string };
    expect(recordLeaves({ ...offender, legalStatus: 'CONVICTED' } as PseudonymisedRecord)).toEqual({
      leg_stat: ['CONVICTED'],
      sex: ['F'],
      exploit: ['SEXUAL', 'BEGGING'],
    });
  });

  it('aggregates single-valued dimensions with CUBE and exploitation by unnesting with a TOTAL element', () => {
    const sql = datasetAggregationSql(FIGURE_CATALOGUE.victims_exploitation, 'persons');
    expect(sql).toContain("unnest(exploitation || 'TOTAL'::text)");
    expect(sql).toContain('CUBE (sex, age_class)');
    expect(datasetAggregationSql(FIGURE_CATALOGUE.protection, 'persons')).toContain('CUBE (permit, compens, return_code, age_class)');
  });
});
