import type { FigureCell, FigureTable } from '../figure-table.js';

/**
 * A small quarterly table with the awkward cases every writer must survive: labels with commas,
 * quotes, line breaks and formula-like starts, combined flags, nulls, notes and missing combinations.
 */
export function smallTable(): FigureTable {
  const cells: FigureCell[] = [
    // Listed out of order on purpose: writers sort row-major.
    { coordinates: { geo: 'EL', time: '2026-Q1', sex: 'TOTAL' }, value: 12, flags: 'p', noteIds: [] },
    { coordinates: { geo: 'AT', time: '2026-Q1', sex: 'TOTAL' }, value: 41, flags: '', noteIds: ['N1'] },
    { coordinates: { geo: 'AT', time: '2026-Q1', sex: 'F' }, value: 30, flags: 'uc', noteIds: [] },
    { coordinates: { geo: 'AT', time: '2026-Q1', sex: 'M' }, value: null, flags: 'c', noteIds: [] },
    { coordinates: { geo: 'AT', time: '2026-Q2', sex: 'TOTAL' }, value: 0, flags: 'bd', noteIds: ['N1', 'N2'] },
    { coordinates: { geo: 'AT', time: '2026', sex: 'TOTAL' }, value: 55, flags: 'rp', noteIds: [] },
    { coordinates: { geo: 'EL', time: '2026-Q2', sex: 'F' }, value: null, flags: ':', noteIds: ['N2'] },
    { coordinates: { geo: 'EL', time: '2026', sex: 'M' }, value: 7, flags: 'e', noteIds: [] },
  ];
  return {
    dataset: 'victims_sex_age',
    title: 'Registered victims by sex, "quarterly", provisional',
    release: 3,
    releasedAt: '2026-07-15T09:30:00Z',
    measure: 'COUNT',
    unit: 'persons',
    dimensions: [
      {
        id: 'geo',
        label: 'Country',
        codes: [
          { code: 'AT', label: 'Austria, Republic of' },
          { code: 'EL', label: 'Greece\n(Hellenic Republic) "EL"' },
        ],
      },
      {
        id: 'time',
        label: 'Period',
        codes: [
          { code: '2026-Q1', label: '2026 Q1' },
          { code: '2026-Q2', label: '2026 Q2' },
          { code: '2026', label: '2026' },
        ],
      },
      {
        id: 'sex',
        label: 'Sex',
        codes: [
          { code: 'TOTAL', label: '=SUM(A1:A9)' },
          { code: 'F', label: '+Female' },
          { code: 'M', label: '-Male' },
        ],
      },
    ],
    cells,
    notes: [
      { id: 'N1', text: 'Austria counts presumed victims from 2026; see "metadata".' },
      { id: 'N2', text: 'Break in series: new identification threshold.' },
    ],
    flagLabels: { c: '@confidential', p: 'provisional, to be revised' },
  };
}
