import { describe, expect, it } from '@jest/globals';
import { DisclosureException } from '../disclosure.exception.js';
import { CELL_KEY_MODULUS_NUMBER } from './cell-key.js';
import { EXAMPLE_PERTURBATION_PARAMETERS, allowedDeviations, buildPerturbationTable, perturbationRowFor } from './perturbation-table.js';
import type { PerturbationParameters, PerturbationRow } from './perturbation-table.js';

const parameterSets: PerturbationParameters[] = [
  EXAMPLE_PERTURBATION_PARAMETERS,
  { maximumDeviation: 3, variance: 1, blockedUpTo: 0 },
  { maximumDeviation: 4, variance: 2, blockedUpTo: 1 },
  { maximumDeviation: 3, variance: 0.5, blockedUpTo: 2 },
  { maximumDeviation: 3, variance: 5, blockedUpTo: 0 },
  { maximumDeviation: 10, variance: 8, blockedUpTo: 4 },
];

function moments(row: PerturbationRow): { total: number; mean: number; variance: number } {
  const total = row.entries.reduce((sum, entry) => sum + entry.probability, 0);
  const mean = row.entries.reduce((sum, entry) => sum + entry.deviation * entry.probability, 0);
  const variance = row.entries.reduce((sum, entry) => sum + (entry.deviation - mean) ** 2 * entry.probability, 0);
  return { total, mean, variance };
}

describe('buildPerturbationTable', () => {
  for (const parameters of parameterSets) {
    const { maximumDeviation: D, variance: V, blockedUpTo: js } = parameters;
    describe(`D=${D} V=${V} js=${js}`, () => {
      const table = buildPerturbationTable(parameters);

      it('has rows for 0..D+js+1', () => {
        expect(table.rows.map((row) => row.original)).toEqual(Array.from({ length: D + js + 2 }, (_, index) => index));
      });

      it('meets every constraint in every row', () => {
        for (const row of table.rows) {
          const { total, mean, variance } = moments(row);
          expect(Math.abs(total - 1)).toBeLessThan(1e-12);
          expect(Math.abs(mean)).toBeLessThan(1e-9);
          expect(Math.abs(row.mean - mean)).toBeLessThan(1e-12);
          expect(Math.abs(row.variance - variance)).toBeLessThan(1e-12);
          for (const { deviation, probability } of row.entries) {
            const published = row.original + deviation;
            expect(Math.abs(deviation)).toBeLessThanOrEqual(D);
            expect(published).toBeGreaterThanOrEqual(0);
            expect(published >= 1 && published <= js).toBe(false);
            expect(probability).toBeGreaterThan(0);
          }
          // Variance is V unless the row says why not.
          switch (row.varianceStatus) {
            case 'zero':
              expect(row.original).toBe(0);
              expect(row.entries).toEqual([{ deviation: 0, probability: 1, upperKey: CELL_KEY_MODULUS_NUMBER }]);
              break;
            case 'as-configured':
              expect(Math.abs(variance - V)).toBeLessThan(1e-9);
              break;
            case 'below-configured':
              expect(variance).toBeLessThan(V);
              break;
            case 'above-configured':
              expect(variance).toBeGreaterThan(V);
              expect(row.original).toBeLessThanOrEqual(js);
              break;
          }
        }
      });

      it('selects deviations by strictly increasing integer key bounds ending at 2^52', () => {
        for (const row of table.rows) {
          const bounds = row.entries.map((entry) => entry.upperKey);
          bounds.forEach((bound, index) => {
            expect(Number.isSafeInteger(bound)).toBe(true);
            if (index > 0) expect(bound).toBeGreaterThan(bounds[index - 1]!);
          });
          expect(bounds.at(-1)).toBe(CELL_KEY_MODULUS_NUMBER);
          const deviations = row.entries.map((entry) => entry.deviation);
          expect([...deviations].sort((a, b) => a - b)).toEqual(deviations);
        }
      });

      it('uses the maximum-entropy form p(v) ~ exp(a v + b v^2) in rows where V binds', () => {
        for (const row of table.rows.filter((candidate) => candidate.varianceStatus === 'as-configured')) {
          if (row.entries.length < 4) continue;
          const [first, second, third] = row.entries;
          // Solve log p = c + a v + b v^2 from three entries, then check the rest against it.
          const points = [first!, second!, third!].map(({ deviation, probability }) => [deviation, Math.log(probability)] as const);
          const [[v0, l0], [v1, l1], [v2, l2]] = points as [
            readonly [number, number],
            readonly [number, number],
            readonly [number, number],
          ];
          const b = ((l2 - l0) / (v2 - v0) - (l1 - l0) / (v1 - v0)) / (v2 - v1);
          const a = (l1 - l0) / (v1 - v0) - b * (v1 + v0);
          const c = l0 - a * v0 - b * v0 * v0;
          expect(b).toBeLessThan(0);
          for (const { deviation, probability } of row.entries) {
            // Quantisation to 2^-52 only disturbs probabilities too small to matter here.
            if (probability < 1e-9) continue;
            expect(Math.abs(c + a * deviation + b * deviation * deviation - Math.log(probability))).toBeLessThan(1e-5);
          }
        }
      });

      it('is symmetric in its last row', () => {
        const last = table.rows.at(-1)!;
        expect(last.entries.map((entry) => entry.deviation)).toEqual(Array.from({ length: 2 * D + 1 }, (_, index) => index - D));
        last.entries.forEach((entry, index) => {
          expect(Math.abs(entry.probability - last.entries[last.entries.length - 1 - index]!.probability)).toBeLessThan(1e-9);
        });
      });
    });
  }

  it('says which rows cannot have the configured variance', () => {
    // js = 2 forces an original 1 to jump to 0 or to 3..: variance at least 2 > 0.5.
    const forcedUp = buildPerturbationTable({ maximumDeviation: 3, variance: 0.5, blockedUpTo: 2 });
    expect(forcedUp.rows[1]!.varianceStatus).toBe('above-configured');
    expect(forcedUp.rows[1]!.variance).toBeCloseTo(2, 12);
    expect(forcedUp.rows.at(-1)!.varianceStatus).toBe('as-configured');
    // An original 1 cannot fall below 0: the noise on -1..3 has variance below 5 whatever we do.
    const forcedDown = buildPerturbationTable({ maximumDeviation: 3, variance: 5, blockedUpTo: 0 });
    expect(forcedDown.rows[1]!.varianceStatus).toBe('below-configured');
  });

  it('lists the allowed deviations of a row', () => {
    expect(allowedDeviations(1, EXAMPLE_PERTURBATION_PARAMETERS)).toEqual([-1, 2, 3, 4, 5]);
    expect(allowedDeviations(4, EXAMPLE_PERTURBATION_PARAMETERS)).toEqual([-4, -1, 0, 1, 2, 3, 4, 5]);
    expect(allowedDeviations(20, EXAMPLE_PERTURBATION_PARAMETERS)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
  });

  it('serves large counts from the last row', () => {
    const table = buildPerturbationTable(EXAMPLE_PERTURBATION_PARAMETERS);
    expect(perturbationRowFor(table, 1_000_000)).toBe(table.rows.at(-1));
    expect(perturbationRowFor(table, 3)).toBe(table.rows[3]);
  });

  it('rejects parameters it cannot honour', () => {
    expect(() => buildPerturbationTable({ maximumDeviation: 0, variance: 1, blockedUpTo: 0 })).toThrow(DisclosureException);
    expect(() => buildPerturbationTable({ maximumDeviation: 2.5, variance: 1, blockedUpTo: 0 })).toThrow(DisclosureException);
    expect(() => buildPerturbationTable({ maximumDeviation: 3, variance: 0, blockedUpTo: 0 })).toThrow(DisclosureException);
    expect(() => buildPerturbationTable({ maximumDeviation: 3, variance: Number.NaN, blockedUpTo: 0 })).toThrow(DisclosureException);
    expect(() => buildPerturbationTable({ maximumDeviation: 2, variance: 1, blockedUpTo: 2 })).toThrow(DisclosureException);
  });
});
