import { registerEnumType } from '@nestjs/graphql';

export enum Measure {
  COUNT = 'COUNT',
  RATE_PER_100K = 'RATE_PER_100K',
  RATE_PER_MILLION = 'RATE_PER_MILLION',
}

registerEnumType(Measure, {
  name: 'Measure',
  description: 'Published protected counts, or rates per 100 000 or per million inhabitants computed from them.',
});

export const MEASURES: readonly Measure[] = Object.values(Measure);

export type RateMeasure = Exclude<Measure, Measure.COUNT>;

/** Inhabitants per unit of a rate: SDG 16.2.2 uses 100 000, Eurostat's news releases a million. */
export const RATE_BASE: Readonly<Record<RateMeasure, number>> = {
  [Measure.RATE_PER_100K]: 100_000,
  [Measure.RATE_PER_MILLION]: 1_000_000,
};

export function isRate(measure: Measure): measure is RateMeasure {
  return measure !== Measure.COUNT;
}

export function unitOf(measure: Measure): string {
  switch (measure) {
    case Measure.COUNT:
      return 'persons';
    case Measure.RATE_PER_100K:
      return 'persons per 100 000 inhabitants';
    case Measure.RATE_PER_MILLION:
      return 'persons per million inhabitants';
  }
}

export function isMeasure(value: string): value is Measure {
  return (MEASURES as readonly string[]).includes(value);
}
