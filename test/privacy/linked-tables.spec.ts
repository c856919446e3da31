import { describe, expect, it } from '@jest/globals';
import { TOTAL, auditSuppression, protectByCellKey, protectBySuppression } from '#app/disclosure';
import type { PublishedCell } from '#app/disclosure';
import { cellFinder, cubeOf } from './support/cube-fixtures.js';
import { keyed, syntheticPersons } from './support/persons.js';
import { SEX_AGE, SEX_CITIZENSHIP, SMALL_COUNT_THRESHOLD, TABLE } from './support/releases.js';

/**
 * Two datasets count the same persons and share margins: victims by sex and age, and by sex and citizenship,
 * share every (country, period, sex) total. An attacker holding both combines them.
 */
describe('attack: linked datasets sharing margins', () => {
  const persons = keyed(syntheticPersons(1500, 33));
  const byAge = cubeOf(SEX_AGE, persons);
  const byCitizenship = cubeOf(SEX_CITIZENSHIP, persons);
  const inAge = cellFinder(SEX_AGE);
  const inCitizenship = cellFinder(SEX_CITIZENSHIP);
  /** Cells of the citizenship cube at citizen = TOTAL, each with its twin in the age cube (age = TOTAL). */
  const shared = byCitizenship.cells.flatMap((cell, index) =>
    cell.coordinates[3] === TOTAL ? [{ inCitizenship: index, inAge: inAge([...cell.coordinates.slice(0, 3), TOTAL]) }] : [],
  );

  it('method 2: a shared margin has the same published value and flags in both datasets', () => {
    const options = { smallCountThreshold: SMALL_COUNT_THRESHOLD };
    const ageRelease = protectByCellKey(byAge, TABLE, options);
    const citizenshipRelease = protectByCellKey(byCitizenship, TABLE, options);
    expect(shared.length).toBe(8 * 3 * 4);
    for (const pair of shared) {
      expect(byAge.cells[pair.inAge]!.count).toBe(byCitizenship.cells[pair.inCitizenship]!.count);
      const { value, flags } = ageRelease[pair.inAge]!;
      expect(citizenshipRelease[pair.inCitizenship]).toMatchObject({ value, flags });
    }
    expect(inCitizenship(['AT', '2026', TOTAL, TOTAL])).toBeGreaterThanOrEqual(0);
  });

  it('method 1: what one release publishes does not pin a cell suppressed in the other', () => {
    const ageRelease = protectBySuppression(byAge, { k: SMALL_COUNT_THRESHOLD });
    const citizenshipRelease = protectBySuppression(byCitizenship, { k: SMALL_COUNT_THRESHOLD });
    // The attacker fills each release's suppressed shared margins from the other release where it shows them.
    const fill = (target: readonly PublishedCell[], source: readonly PublishedCell[], targetIndex: 'inAge' | 'inCitizenship') =>
      target.map((cell, index) => {
        const pair = shared.find((candidate) => candidate[targetIndex] === index);
        if (!pair || cell.value !== null) return cell;
        const twin = source[targetIndex === 'inAge' ? pair.inCitizenship : pair.inAge]!;
        return twin.value === null ? cell : twin;
      });
    expect(auditSuppression(byAge, fill(ageRelease, citizenshipRelease, 'inAge')).pinned).toEqual([]);
    expect(auditSuppression(byCitizenship, fill(citizenshipRelease, ageRelease, 'inCitizenship')).pinned).toEqual([]);
  });
});
