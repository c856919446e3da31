import { describe, expect, it } from '@jest/globals';
import { TOTAL, auditSuppression, flatDimension, groupedDimension, multiResponseDimension, protectBySuppression } from '#app/disclosure';
import type { CountCube, Dimension, PublishedCell } from '#app/disclosure';
import { aggregateCube } from '#app/disclosure';
import { bruteForceIntervals } from './support/brute-force-attacker.js';
import { cubeOf, geoWithEu, quartersAndYear } from './support/cube-fixtures.js';
import { ctdcPersons, keyed, leavesOf, syntheticPersons } from './support/persons.js';
import { seededRandom } from './support/seeded-random.js';

const K = 5;

/**
 * A tiny cube with a skewed population: rows a0..a2 x columns b0..b2, margins included; every third seed adds
 * a third dimension, every other third gives the rows an overlapping group G = a0 + a1 beside TOTAL.
 */
function tinyCube(seed: number): CountCube {
  const random = seededRandom(seed);
  const threeWay = seed % 3 === 0;
  const rows =
    seed % 3 === 1
      ? groupedDimension(
          'a',
          ['a0', 'a1', 'a2'],
          [
            { code: 'G', members: ['a0', 'a1'] },
            { code: TOTAL, members: ['a0', 'a1', 'a2'] },
          ],
        )
      : flatDimension('a', ['a0', 'a1', 'a2']);
  const dimensions: Dimension[] = [rows, flatDimension('b', ['b0', 'b1', 'b2'])];
  if (threeWay) dimensions.push(flatDimension('c', ['c0', 'c1']));
  const persons = 12 + random(25);
  const records = Array.from({ length: persons }, () => {
    const coordinates = [[`a${Math.min(random(3), random(3))}`], [`b${random(3) === 0 ? random(3) : 0}`]];
    if (threeWay) coordinates.push([`c${random(4) === 0 ? 1 : 0}`]);
    return { key: 0n, coordinates };
  });
  return aggregateCube(dimensions, records);
}

function suppressedCount(published: readonly PublishedCell[]): number {
  return published.filter((cell) => cell.value === null).length;
}

function grandTotal(cube: CountCube): number {
  return Math.max(...cube.cells.map((cell) => cell.count));
}

/**
 * The brute-force attacker's intervals. It searches below a cap, which must leave room above every true count
 * and every bound the auditor claims, so that a wrong claim in either direction shows.
 */
function bruteForceView(cube: CountCube, published: readonly PublishedCell[], claimedBounds: readonly number[]): [number, number][] {
  const cap = 2 * Math.max(grandTotal(cube), ...claimedBounds) + 2;
  return bruteForceIntervals(cube, published, { lowerBound: 1, cap }).map(({ min, max }) => [min, max]);
}

describe('attack: recomputing suppressed cells from margins (method 1)', () => {
  it('finds nothing in small synthetic cubes, and an independent brute-force attacker agrees with the auditor exactly', () => {
    let compared = 0;
    let unbounded = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const cube = tinyCube(seed);
      const published = protectBySuppression(cube, { k: K });
      const audit = auditSuppression(cube, published);
      expect(audit.pinned).toEqual([]);
      // Every suppressed cell has at least two possible values, its true one among them.
      for (const interval of audit.intervals) {
        expect(interval.min).toBeLessThan(interval.max);
        expect(interval.count).toBeGreaterThanOrEqual(interval.min);
        expect(interval.count).toBeLessThanOrEqual(interval.max);
      }
      // Where the grand total is suppressed too, some cells have no upper bound at all; a capped search cannot
      // confirm infinity, so those cubes are only counted.
      if (audit.intervals.some(({ max }) => max === Infinity)) {
        unbounded += 1;
        continue;
      }
      const claimed = audit.intervals.map(({ min, max }) => [min, max]);
      expect(bruteForceView(cube, published, claimed.flat())).toEqual(claimed);
      compared += audit.intervals.length;
    }
    expect(compared).toBeGreaterThan(500);
    expect(unbounded).toBeLessThan(30);
  });

  it('is a real attacker: with primary suppression alone, it and the auditor recompute the same cells', () => {
    let pinnedSomewhere = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const cube = tinyCube(seed);
      const primaryOnly: PublishedCell[] = protectBySuppression(cube, { k: K }).map((cell, index) => {
        const count = cube.cells[index]!.count;
        return count > 0 && count < K ? cell : { ...cell, value: count, flags: '' as PublishedCell['flags'] };
      });
      const audit = auditSuppression(cube, primaryOnly);
      const cap = grandTotal(cube) + 1;
      const bruteForce = bruteForceIntervals(cube, primaryOnly, { lowerBound: 1, cap });
      const bruteForcePinned = bruteForce.filter(({ min, max }) => min === max).map(({ cell }) => cube.cells[cell]!.coordinates);
      expect(bruteForcePinned).toEqual(audit.pinned.map(({ coordinates }) => coordinates));
      if (audit.pinned.length > 0) pinnedSomewhere += 1;
      // A pinned cell is pinned to its true value.
      for (const pinned of audit.pinned) expect(pinned.min).toBe(pinned.count);
    }
    expect(pinnedSomewhere).toBeGreaterThan(5);
  });

  it('finds nothing in a cube of real CTDC records (country x year x sex x age group)', () => {
    const persons = keyed(ctdcPersons(20));
    const dimensions: Dimension[] = [
      flatDimension('geo', leavesOf(persons, 'geo')),
      quartersAndYear(leavesOf(persons, 'time'), 'none'),
      flatDimension('sex', leavesOf(persons, 'sex')),
      flatDimension('age', leavesOf(persons, 'age')),
    ];
    const cube = cubeOf(dimensions, persons);
    const published = protectBySuppression(cube, { k: K });
    const primary = cube.cells.filter((cell) => cell.count > 0 && cell.count < K).length;
    expect(primary).toBeGreaterThan(500);
    expect(suppressedCount(published)).toBeGreaterThan(primary);
    const audit = auditSuppression(cube, published);
    expect(audit.pinned).toEqual([]);
    expect(audit.intervals.every(({ exact }) => exact)).toBe(true);
  });

  it('agrees with the brute-force attacker on a small slice of real records', () => {
    const persons = keyed(ctdcPersons(10)).filter(
      (person) => person.attributes['time'] === '2015' && ['MD', 'UA', 'RU'].includes(person.attributes['geo']!),
    );
    const ages = ['Y9-17', 'Y18-20', 'Y21-23'];
    const slice = persons.filter((person) => ages.includes(person.attributes['age']!));
    const dimensions: Dimension[] = [
      flatDimension('geo', ['MD', 'RU', 'UA']),
      flatDimension('age', ages),
      flatDimension('sex', ['F', 'M']),
    ];
    const cube = cubeOf(dimensions, slice);
    const published = protectBySuppression(cube, { k: K });
    const audit = auditSuppression(cube, published);
    expect(audit.intervals.length).toBeGreaterThan(3);
    expect(audit.pinned).toEqual([]);
    const claimed = audit.intervals.map(({ min, max }) => [min, max]);
    expect(claimed.flat().every(Number.isFinite)).toBe(true);
    expect(bruteForceView(cube, published, claimed.flat())).toEqual(claimed);
  });

  it('does not reveal a country as the difference of two overlapping groups (TOTAL minus EU)', () => {
    const persons = keyed(syntheticPersons(400, 3));
    const countries = ['AT', 'BE', 'CY', 'DK', 'LU', 'CH'];
    const dimensions: Dimension[] = [
      geoWithEu(countries, ['AT', 'BE', 'CY', 'DK', 'LU']),
      quartersAndYear(['2026-Q1', '2026-Q2'], '2026'),
      flatDimension('sex', ['F', 'M', 'UNK']),
      flatDimension('age', ['Y0-11', 'Y12-17', 'Y18-24', 'Y25-34', 'Y35-44', 'Y_GE45']),
    ];
    const cube = cubeOf(dimensions, persons);
    const published = protectBySuppression(cube, { k: K });
    const audit = auditSuppression(cube, published);
    expect(audit.pinned).toEqual([]);
    // CH is the only non-EU country: wherever CH is suppressed, TOTAL - EU must not give it back.
    const chSuppressed = audit.intervals.filter(({ coordinates }) => coordinates[0] === 'CH');
    expect(chSuppressed.length).toBeGreaterThan(0);
    const index = new Map(published.map((cell, position) => [cell.coordinates.join('.'), position]));
    for (const { coordinates } of chSuppressed) {
      const rest = coordinates.slice(1).join('.');
      const total = published[index.get(`${TOTAL}.${rest}`)!]!.value;
      const eu = published[index.get(`EU.${rest}`)!]!.value;
      expect(total === null || eu === null).toBe(true);
    }
  });

  it('finds nothing along a multi-response dimension (forms of exploitation)', () => {
    const random = seededRandom(99);
    const forms = ['SEXUAL', 'LABOUR', 'BEGGING', 'OTHER'];
    const records = Array.from({ length: 150 }, () => {
      const chosen = forms.filter((_, index) => random(index === 0 ? 2 : 6) === 0);
      return {
        key: 0n,
        coordinates: [
          [['AT', 'BE', 'CY'][Math.min(random(3), random(3))]!],
          chosen.length > 0 ? chosen : ['OTHER'],
          [['F', 'M'][random(4) === 0 ? 1 : 0]!],
        ],
      };
    });
    const cube = aggregateCube(
      [flatDimension('geo', ['AT', 'BE', 'CY']), multiResponseDimension('exploit', forms), flatDimension('sex', ['F', 'M'])],
      records,
    );
    const published = protectBySuppression(cube, { k: K });
    const audit = auditSuppression(cube, published);
    expect(audit.intervals.length).toBeGreaterThan(5);
    expect(audit.pinned).toEqual([]);
  });
});
