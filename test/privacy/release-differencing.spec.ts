import { describe, expect, it } from '@jest/globals';
import { protectByCellKey } from '#app/disclosure';
import { cubeOf } from './support/cube-fixtures.js';
import { keyed, syntheticPersons } from './support/persons.js';
import { SEX_AGE, SMALL_COUNT_THRESHOLD, TABLE } from './support/releases.js';

/**
 * One person revokes consent between two releases. Without noise every cell that counted them drops by
 * exactly 1, which tells an attacker the person's attributes. With cell keys, removing the person's record key
 * changes the cells' keys, so their noise is drawn afresh and the differences scatter.
 */
describe('attack: differencing two releases around one revocation (method 2, cell key)', () => {
  const persons = keyed(syntheticPersons(2000, 21));
  const options = { smallCountThreshold: SMALL_COUNT_THRESHOLD };
  const before = protectByCellKey(cubeOf(SEX_AGE, persons), TABLE, options);
  const revoked = Array.from({ length: 25 }, (_, index) => index * 79);

  it('no revocation shows as a difference of exactly 1 in every cell that counted the person', () => {
    let cells = 0;
    let exactlyOne = 0;
    for (const position of revoked) {
      const after = protectByCellKey(
        cubeOf(
          SEX_AGE,
          persons.filter((_, index) => index !== position),
        ),
        TABLE,
        options,
      );
      const own = cubeOf(SEX_AGE, [persons[position]!]);
      const differences = own.cells.flatMap((cell, index) => (cell.count === 0 ? [] : [before[index]!.value! - after[index]!.value!]));
      // country, its group(s) and TOTAL x quarter and year x sex and TOTAL x age and TOTAL.
      expect([16, 24]).toContain(differences.length);
      expect(differences.every((difference) => difference === 1)).toBe(false);
      cells += differences.length;
      exactlyOne += differences.filter((difference) => difference === 1).length;
    }
    // A difference of 1 is one outcome among many; well under half the changed cells show it.
    expect(exactlyOne / cells).toBeLessThan(0.3);
  });

  it('the differences have the spread of fresh noise, not of a one-person change', () => {
    const position = revoked[3]!;
    const after = protectByCellKey(
      cubeOf(
        SEX_AGE,
        persons.filter((_, index) => index !== position),
      ),
      TABLE,
      options,
    );
    const own = cubeOf(SEX_AGE, [persons[position]!]);
    const differences = own.cells.flatMap((cell, index) => (cell.count === 0 ? [] : [before[index]!.value! - after[index]!.value!]));
    expect(new Set(differences).size).toBeGreaterThan(3);
  });
});
