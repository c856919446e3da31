import type { FigureTable } from '#app/formats';
import { flagLabels } from '#app/standard';
import type { FigureTableData } from '../figures/figure-table.js';

/**
 * The libs/formats view of a released table. Flag labels are the standard's words for the flags present, so every
 * format labels a flag as the GraphQL answer does.
 */
export function toFormatsTable(table: FigureTableData): FigureTable {
  if (table.source.kind !== 'RELEASE') throw new Error('only released tables are exported');
  const ids = table.dimensions.map((dimension) => dimension.id);
  const present = new Set<string>();
  for (const cell of table.cells) for (const flag of cell.flags) present.add(flag);
  return {
    dataset: table.dataset,
    title: table.title,
    release: table.source.release,
    releasedAt: table.source.publishedAt.toISOString(),
    measure: table.measure,
    unit: table.unit,
    dimensions: table.dimensions.map((dimension) => ({
      id: dimension.id,
      label: dimension.label,
      codes: dimension.codes.map((code) => ({ code: code.code, label: code.label })),
    })),
    cells: table.cells.map((cell) => ({
      coordinates: Object.fromEntries(cell.codes.map((code, index) => [ids[index], code])),
      value: cell.value,
      flags: cell.flags,
      noteIds: [...cell.noteIds],
    })),
    notes: table.notes.map((note) => ({ id: note.id, text: note.text })),
    flagLabels: Object.fromEntries(flagLabels([...present].join('')).map(({ flag, label }) => [flag, label])),
    ...(table.populationTable === null
      ? {}
      : { populationTable: { id: table.populationTable.tableId, version: table.populationTable.version } }),
  };
}
