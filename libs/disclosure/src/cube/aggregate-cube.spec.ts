import { describe, expect, it } from '@jest/globals';
import { CELL_KEY_MODULUS, cellKeyOf } from '../cell-key/cell-key.js';
import { DisclosureException } from '../disclosure.exception.js';
import { aggregateCube } from './aggregate-cube.js';
import type { RecordContribution } from './aggregate-cube.js';
import { cellIndexOf, cubeLayout } from './cube-layout.js';
import { COVER_RELATION, deriveRelations } from './cube-relations.js';
import type { AggregatedCell, Cube } from './cube.js';
import { TOTAL, flatDimension, groupedDimension, independentDimension, multiResponseDimension } from './dimension.js';

const geo = groupedDimension(
  'geo',
  ['AT', 'BE', 'CH'],
  [
    { code: 'EU', members: ['AT', 'BE'] },
    { code: TOTAL, members: ['AT', 'BE', 'CH'] },
  ],
);
const sex = flatDimension('sex', ['F', 'M']);
const exploit = multiResponseDimension('exploit', ['SEXUAL', 'LABOUR', 'OTHER']);
const time = independentDimension('time', ['2026-Q1', '2026-Q2', '2026']);
const dimensions = [geo, sex, exploit, time];

const near = CELL_KEY_MODULUS - 10n;
const records: RecordContribution[] = [
  { key: near, coordinates: [['AT'], ['F'], ['SEXUAL'], ['2026-Q1', '2026']] },
  { key: 20n, coordinates: [['AT'], ['F'], ['SEXUAL', 'LABOUR'], ['2026-Q2', '2026']] },
  { key: 300n, coordinates: [['CH'], ['M'], ['LABOUR'], ['2026-Q1', '2026']] },
  { key: 4000n, coordinates: [['BE'], ['F'], ['OTHER'], ['2026-Q2', '2026']] },
];

function cellOf(cube: Cube<AggregatedCell>, coordinates: string[]): AggregatedCell {
  return cube.cells[cellIndexOf(cubeLayout(cube.dimensions), coordinates)]!;
}

describe('aggregateCube', () => {
  const cube = aggregateCube(dimensions, records);

  it('lists every cell of the cube, zeros included', () => {
    expect(cube.cells).toHaveLength(5 * 3 * 4 * 3);
    expect(cellOf(cube, ['CH', 'F', 'SEXUAL', '2026'])).toMatchObject({ count: 0, cellKey: 0n });
  });

  it('counts a record in its leaves and in every group covering them', () => {
    expect(cellOf(cube, ['AT', 'F', 'SEXUAL', '2026-Q1']).count).toBe(1);
    expect(cellOf(cube, ['EU', 'F', 'SEXUAL', '2026']).count).toBe(2);
    expect(cellOf(cube, ['TOTAL', 'TOTAL', 'TOTAL', '2026']).count).toBe(4);
    expect(cellOf(cube, ['TOTAL', 'TOTAL', 'LABOUR', '2026']).count).toBe(2);
  });

  it('counts a multi-response record once per form and once in the total', () => {
    expect(cellOf(cube, ['AT', 'F', 'SEXUAL', '2026-Q2']).count).toBe(1);
    expect(cellOf(cube, ['AT', 'F', 'LABOUR', '2026-Q2']).count).toBe(1);
    expect(cellOf(cube, ['AT', 'F', 'TOTAL', '2026-Q2']).count).toBe(1);
  });

  it('adds record keys modulo 2^52', () => {
    expect(cellOf(cube, ['TOTAL', 'TOTAL', 'TOTAL', '2026']).cellKey).toBe(cellKeyOf([near, 20n, 300n, 4000n]));
    expect(cellOf(cube, ['EU', 'F', 'TOTAL', '2026']).cellKey).toBe(cellKeyOf([near, 20n, 4000n]));
    expect(cellOf(cube, ['AT', 'F', 'TOTAL', '2026']).cellKey).toBe(cellKeyOf([near, 20n]));
  });

  it('gives cells that satisfy every relation the dimensions imply', () => {
    const random = (() => {
      let state = 12345;
      return (limit: number) => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % limit;
      };
    })();
    const many: RecordContribution[] = Array.from({ length: 500 }, (_, index) => {
      const forms = ['SEXUAL', 'LABOUR', 'OTHER'].filter(() => random(2) === 1);
      const quarter = random(2) === 0 ? '2026-Q1' : '2026-Q2';
      return {
        key: BigInt(index) * 7919n,
        coordinates: [[['AT', 'BE', 'CH'][random(3)]!], [['F', 'M'][random(2)]!], forms.length > 0 ? forms : ['OTHER'], [quarter, '2026']],
      };
    });
    const big = aggregateCube(dimensions, many);
    const relations = deriveRelations(cubeLayout(dimensions));
    for (let relation = 0; relation < relations.count; relation++) {
      const cells = Array.from(relations.cells.subarray(relations.offsets[relation]!, relations.offsets[relation + 1]!));
      const [total, ...members] = cells.map((cell) => big.cells[cell]!.count);
      const sum = members.reduce((left, right) => left + right, 0);
      if (relations.kinds[relation] === COVER_RELATION) {
        expect(total!).toBeLessThanOrEqual(sum);
        for (const member of members) expect(member).toBeLessThanOrEqual(total!);
      } else {
        expect(total).toBe(sum);
      }
    }
  });

  it('rejects records that do not fit the dimensions, naming no record', () => {
    const bad = (coordinates: string[][]) => () => aggregateCube(dimensions, [{ key: 1n, coordinates }]);
    expect(bad([['AT'], ['F'], ['SEXUAL']])).toThrow(DisclosureException);
    expect(bad([['AT', 'BE'], ['F'], ['SEXUAL'], ['2026']])).toThrow(DisclosureException);
    expect(bad([['XX'], ['F'], ['SEXUAL'], ['2026']])).toThrow(DisclosureException);
    expect(bad([['EU'], ['F'], ['SEXUAL'], ['2026']])).toThrow(DisclosureException);
    expect(bad([['AT'], ['F'], [], ['2026']])).toThrow(DisclosureException);
    expect(() => aggregateCube(dimensions, [{ key: CELL_KEY_MODULUS, coordinates: [['AT'], ['F'], ['SEXUAL'], ['2026']] }])).toThrow(
      DisclosureException,
    );
  });
});
