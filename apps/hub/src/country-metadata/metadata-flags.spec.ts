import { describe, expect, it } from '@jest/globals';
import { parsePeriod, parseQuarter } from '#app/standard';
import { definitionDiffersFromStandard, entryInForce, metadataVerdict, type MetadataEntry } from './metadata-flags.js';

const entry = (validFrom: string, overrides: Partial<MetadataEntry> = {}): MetadataEntry => ({
  country: 'AT',
  validFrom,
  validTo: null,
  legalDefinition: 'PALERMO',
  identificationThreshold: 'AUTHORITY',
  breakdownsNotCollected: [],
  ...overrides,
});

describe('country metadata in force', () => {
  const entries = [entry('2024'), entry('2025-Q3', { legalDefinition: 'NATIONAL_WIDER' }), entry('2026-Q2', { validTo: '2026-Q3' })];

  it('takes the latest entry starting at or before the quarter, a year counting from its first quarter', () => {
    expect(entryInForce(entries, parseQuarter('2023-Q4'))).toBeUndefined();
    expect(entryInForce(entries, parseQuarter('2024-Q1'))?.validFrom).toBe('2024');
    expect(entryInForce(entries, parseQuarter('2025-Q2'))?.validFrom).toBe('2024');
    expect(entryInForce(entries, parseQuarter('2025-Q3'))?.validFrom).toBe('2025-Q3');
    expect(entryInForce(entries, parseQuarter('2026-Q3'))?.validFrom).toBe('2026-Q2');
  });

  it('ignores an entry after its last period, falling back to the one before', () => {
    expect(entryInForce(entries, parseQuarter('2026-Q4'))?.validFrom).toBe('2025-Q3');
  });
});

describe('metadata verdicts', () => {
  it('flags d for a national definition and nothing for the standard ones', () => {
    expect(definitionDiffersFromStandard('PALERMO')).toBe(false);
    expect(definitionDiffersFromStandard('EU_DIRECTIVE')).toBe(false);
    expect(definitionDiffersFromStandard('NATIONAL_NARROWER')).toBe(true);
    expect(definitionDiffersFromStandard('NATIONAL_WIDER')).toBe(true);
  });

  it('flags b in the quarter where the definition or the threshold changes, and in its year', () => {
    const entries = [entry('2025-Q1'), entry('2025-Q3', { identificationThreshold: 'REFERRAL' })];
    expect(metadataVerdict(entries, parsePeriod('2025-Q2'))).toEqual({
      definitionDiffers: false,
      breakInSeries: false,
      breakdownsNotCollected: [],
    });
    expect(metadataVerdict(entries, parsePeriod('2025-Q3')).breakInSeries).toBe(true);
    expect(metadataVerdict(entries, parsePeriod('2025-Q4')).breakInSeries).toBe(false);
    expect(metadataVerdict(entries, parsePeriod('2025')).breakInSeries).toBe(true);
    expect(metadataVerdict(entries, parsePeriod('2026')).breakInSeries).toBe(false);
  });

  it('does not flag b at the first entry of a country (there is no series before it)', () => {
    expect(metadataVerdict([entry('2025-Q2')], parsePeriod('2025-Q2')).breakInSeries).toBe(false);
  });

  it('flags a year d if any quarter differs, and unions the breakdowns not collected', () => {
    const entries = [
      entry('2025-Q1', { breakdownsNotCollected: ['reg_org'] }),
      entry('2025-Q4', { legalDefinition: 'NATIONAL_NARROWER', breakdownsNotCollected: ['citizen'] }),
    ];
    expect(metadataVerdict(entries, parsePeriod('2025'))).toEqual({
      definitionDiffers: true,
      breakInSeries: true,
      breakdownsNotCollected: ['citizen', 'reg_org'],
    });
    expect(metadataVerdict(entries, parsePeriod('2025-Q2')).breakdownsNotCollected).toEqual(['reg_org']);
    expect(metadataVerdict([], parsePeriod('2025'))).toEqual({
      definitionDiffers: false,
      breakInSeries: false,
      breakdownsNotCollected: [],
    });
  });
});
