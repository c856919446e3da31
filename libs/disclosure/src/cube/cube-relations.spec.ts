import { describe, expect, it } from '@jest/globals';
import { cellIndexOf, coordinatesOf, cubeLayout } from './cube-layout.js';
import { cellIncidence, deriveRelations, relationKind } from './cube-relations.js';
import { TOTAL, flatDimension, groupedDimension, independentDimension, multiResponseDimension } from './dimension.js';

describe('deriveRelations', () => {
  const layout = cubeLayout([
    groupedDimension(
      'geo',
      ['AT', 'BE', 'CH'],
      [
        { code: 'EU', members: ['AT', 'BE'] },
        { code: TOTAL, members: ['AT', 'BE', 'CH'] },
      ],
    ),
    flatDimension('sex', ['F', 'M']),
    independentDimension('time', ['Q1', 'Y']),
  ]);
  const relations = deriveRelations(layout);
  const described = Array.from({ length: relations.count }, (_, relation) => ({
    kind: relationKind(relations, relation),
    cells: Array.from(relations.cells.subarray(relations.offsets[relation]!, relations.offsets[relation + 1]!)).map((cell) =>
      coordinatesOf(layout, cell).join('.'),
    ),
  }));

  it('relates each group to its members for every combination of the other codes, and nothing along time', () => {
    // geo: 2 groups x (3 sex codes x 2 times); sex: 1 group x (5 geo codes x 2 times).
    expect(relations.count).toBe(2 * 6 + 10);
    expect(described).toContainEqual({ kind: 'sum', cells: ['EU.F.Q1', 'AT.F.Q1', 'BE.F.Q1'] });
    expect(described).toContainEqual({ kind: 'sum', cells: ['TOTAL.TOTAL.Y', 'AT.TOTAL.Y', 'BE.TOTAL.Y', 'CH.TOTAL.Y'] });
    expect(described).toContainEqual({ kind: 'sum', cells: ['EU.TOTAL.Q1', 'EU.F.Q1', 'EU.M.Q1'] });
    expect(described.some(({ cells }) => cells.some((cell) => cell.endsWith('.Q1')) && cells.some((cell) => cell.endsWith('.Y')))).toBe(
      false,
    );
  });

  it('marks multi-response groups as cover relations', () => {
    const multi = cubeLayout([multiResponseDimension('exploit', ['SEXUAL', 'LABOUR'])]);
    const coverRelations = deriveRelations(multi);
    expect(coverRelations.count).toBe(1);
    expect(relationKind(coverRelations, 0)).toBe('cover');
  });

  it('indexes the relations of each cell', () => {
    const incidence = cellIncidence(relations, layout.cellCount);
    const cell = cellIndexOf(layout, ['AT', 'F', 'Q1']);
    const ofCell = Array.from(incidence.relations.subarray(incidence.offsets[cell]!, incidence.offsets[cell + 1]!));
    // Member of EU and TOTAL along geo, member of TOTAL along sex.
    expect(ofCell).toHaveLength(3);
    for (const relation of ofCell) {
      expect(Array.from(relations.cells.subarray(relations.offsets[relation]!, relations.offsets[relation + 1]!))).toContain(cell);
    }
  });
});
