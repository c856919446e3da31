import { describe, expect, it } from '@jest/globals';
import { TOTAL, protectByCellKey } from '#app/disclosure';
import { cellFinder, cubeOf, valueAt } from './support/cube-fixtures.js';
import { SEXES, keyed, syntheticPersons } from './support/persons.js';
import { SEX_AGE, SMALL_COUNT_THRESHOLD, TABLE, impossibleValue } from './support/releases.js';

/**
 * The attacker subtracts overlapping slices of a perturbed release: TOTAL minus EU for the one non-EU country,
 * and a margin minus all its members but one. Every published number carries its own noise, so the
 * difference of two or more of them is the true count plus a sum of independent noises.
 */
describe('attack: differencing two overlapping slices (method 2, cell key)', () => {
  const persons = keyed(syntheticPersons(3000, 11));
  const cube = cubeOf(SEX_AGE, persons);
  const published = protectByCellKey(cube, TABLE, { smallCountThreshold: SMALL_COUNT_THRESHOLD });
  const at = cellFinder(SEX_AGE);
  const small = cube.cells.map((cell, index) => ({ ...cell, index })).filter(({ count }) => count > 0 && count < SMALL_COUNT_THRESHOLD);

  it('TOTAL minus EU does not give the small cells of the only non-EU country', () => {
    const targets = small.filter(({ coordinates }) => coordinates[0] === 'CH');
    expect(targets.length).toBeGreaterThan(15);
    const estimates = targets.map(({ coordinates }) => {
      const rest = coordinates.slice(1);
      return valueAt(published, at([TOTAL, ...rest])) - valueAt(published, at(['EU', ...rest]));
    });
    const hits = estimates.filter((estimate, index) => estimate === targets[index]!.count).length;
    // Right by chance now and then, and the attacker cannot tell when: many estimates are values that
    // cannot be true (negative, or in the blocked range 1..js).
    expect(hits / targets.length).toBeLessThan(0.3);
    expect(estimates.filter(impossibleValue).length).toBeGreaterThan(targets.length / 5);
  });

  it('a margin minus all members but one does not give the remaining small cell', () => {
    const targets = small.filter(({ coordinates }) => coordinates[2] !== TOTAL);
    expect(targets.length).toBeGreaterThan(50);
    const estimates = targets.map(({ coordinates }) => {
      const [geo, time, sex, age] = coordinates as [string, string, string, string];
      const others = SEXES.filter((other) => other !== sex);
      return (
        valueAt(published, at([geo, time, TOTAL, age])) -
        others.reduce((sum, other) => sum + valueAt(published, at([geo, time, other, age])), 0)
      );
    });
    const hits = estimates.filter((estimate, index) => estimate === targets[index]!.count).length;
    expect(hits / targets.length).toBeLessThan(0.3);
    expect(estimates.filter(impossibleValue).length).toBeGreaterThan(targets.length / 5);
  });

  it('two routes to the same small cell rarely agree, so neither can be trusted', () => {
    // Route 1 along sex, route 2 along age: an attacker would trust a value both routes give.
    const targets = small.filter(({ coordinates }) => coordinates[2] !== TOTAL && coordinates[3] !== TOTAL);
    const agreeing = targets.filter(({ coordinates, count }) => {
      const [geo, time, sex, age] = coordinates as [string, string, string, string];
      const alongSex =
        valueAt(published, at([geo, time, TOTAL, age])) -
        SEXES.filter((other) => other !== sex).reduce((sum, other) => sum + valueAt(published, at([geo, time, other, age])), 0);
      const ages = cube.dimensions[3]!.kind === 'additive' ? cube.dimensions[3]!.leaves : [];
      const alongAge =
        valueAt(published, at([geo, time, sex, TOTAL])) -
        ages.filter((other) => other !== age).reduce((sum, other) => sum + valueAt(published, at([geo, time, sex, other])), 0);
      return alongSex === alongAge && alongSex === count;
    });
    expect(targets.length).toBeGreaterThan(50);
    expect(agreeing.length / targets.length).toBeLessThan(0.1);
  });
});
