import { describe, expect, it } from '@jest/globals';
import { TOTAL, perturb, protectByCellKey } from '#app/disclosure';
import type { Dimension } from '#app/disclosure';
import { cellFinder, cubeOf, flatDimension, geoWithEu, quartersAndYear } from './support/cube-fixtures.js';
import { EU_MEMBERS, QUARTERS, SEXES, SYNTHETIC_COUNTRIES, keyed, syntheticPersons } from './support/persons.js';
import { seededRandom } from './support/seeded-random.js';
import { SEX_AGE, SMALL_COUNT_THRESHOLD, TABLE } from './support/releases.js';

/**
 * The attacker asks for the same noisy cell many times (or through different tables) and averages. Under the
 * cell key method the noise is a function of the cell's records, so every answer is the same number and
 * the average is no better than one answer.
 */
describe('attack: averaging repeated queries of a perturbed cell (method 2, cell key)', () => {
  const persons = keyed(syntheticPersons(2000, 5));
  const options = { smallCountThreshold: SMALL_COUNT_THRESHOLD };

  it('gives the same value every time a release is computed, whatever the order of the records', () => {
    const random = seededRandom(8);
    const first = protectByCellKey(cubeOf(SEX_AGE, persons), TABLE, options);
    for (let run = 0; run < 5; run++) {
      const shuffled = [...persons];
      for (let index = shuffled.length - 1; index > 0; index--) {
        const other = random(index + 1);
        [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
      }
      expect(protectByCellKey(cubeOf(SEX_AGE, shuffled), TABLE, options)).toEqual(first);
    }
  });

  it('gives the same value for the same cell asked through a smaller table', () => {
    const bySex: Dimension[] = [geoWithEu(SYNTHETIC_COUNTRIES, EU_MEMBERS), quartersAndYear(QUARTERS, '2026'), flatDimension('sex', SEXES)];
    const large = protectByCellKey(cubeOf(SEX_AGE, persons), TABLE, options);
    const smaller = protectByCellKey(cubeOf(bySex, persons), TABLE, options);
    const inLarge = cellFinder(SEX_AGE);
    for (const cell of smaller)
      expect(large[inLarge([...cell.coordinates, TOTAL])]).toEqual({ ...cell, coordinates: [...cell.coordinates, TOTAL] });
  });

  it('averaging a hundred answers is exactly as wrong as one answer', () => {
    const cube = cubeOf(SEX_AGE, persons);
    const small = cube.cells.filter(({ count }) => count > 0 && count < SMALL_COUNT_THRESHOLD);
    expect(small.length).toBeGreaterThan(50);
    let singleError = 0;
    let averagedError = 0;
    for (const { count, cellKey } of small) {
      const answers = Array.from({ length: 100 }, () => perturb(count, cellKey, TABLE).value);
      expect(new Set(answers).size).toBe(1);
      singleError += Math.abs(answers[0]! - count);
      averagedError += Math.abs(answers.reduce((sum, answer) => sum + answer, 0) / answers.length - count);
    }
    expect(averagedError).toBe(singleError);
    expect(singleError / small.length).toBeGreaterThan(0.8);
  });
});
