import { describe, expect, it } from '@jest/globals';
import { entriesInForce, figureNotes, type DefinitionEntry } from './figure-notes.js';
import { Measure } from './measure.js';

const entry = (validFrom: string, validTo: string | null, legalDefinition: string, footnote: string | null = null): DefinitionEntry => ({
  country: 'AT',
  validFrom,
  validTo,
  legalDefinition,
  identificationThreshold: 'AUTHORITY',
  breakdownsNotCollected: [],
  presumedVictimsIncluded: true,
  footnote,
});

describe('figure notes', () => {
  const entries = [entry('2025-Q1', null, 'PALERMO'), entry('2026-Q2', null, 'NATIONAL_WIDER', 'New law in force.')];

  it('finds the entries in force in any quarter of the periods', () => {
    expect(entriesInForce(entries, ['2026-Q1']).map((found) => found.validFrom)).toEqual(['2025-Q1']);
    expect(entriesInForce(entries, ['2026']).map((found) => found.validFrom)).toEqual(['2025-Q1', '2026-Q2']);
    expect(entriesInForce(entries, ['2024'])).toEqual([]);
  });

  it("attaches each country's entries in force to its cells, a group's composition to the group's, and table notes once", () => {
    const notes = figureNotes(['AT', 'DE', 'EU27_2020'], ['2026-Q1', '2026'], (country) => (country === 'AT' ? entries : []), {
      disclosureMethod: 'CELL_KEY',
      smallCountThreshold: 5,
      measure: Measure.RATE_PER_100K,
      populationTable: { version: 'tps00001@2027-01-31', tableId: 'tps00001' },
    });
    expect(notes.notes.map((note) => note.id)).toEqual([
      'protection.cell-key',
      'rate.population',
      'def.AT.2025-Q1',
      'def.AT.2026-Q2',
      'group.EU27_2020',
    ]);
    expect(notes.noteIdsOf('AT', '2026-Q1')).toEqual(['def.AT.2025-Q1']);
    expect(notes.noteIdsOf('AT', '2026')).toEqual(['def.AT.2025-Q1', 'def.AT.2026-Q2']);
    expect(notes.noteIdsOf('DE', '2026')).toEqual([]);
    expect(notes.noteIdsOf('EU27_2020', '2026')).toEqual(['group.EU27_2020']);
    const wider = notes.notes.find((note) => note.id === 'def.AT.2026-Q2')!.text;
    expect(wider).toBe(
      'Austria, from 2026-Q2: legal definition: National definition, wider than the standard (differs from the standard, flag d); identification threshold: Formal identification; presumed victims included. New law in force.',
    );
    expect(notes.notes.find((note) => note.id === 'protection.cell-key')!.text).toContain('not additive');
  });
});
