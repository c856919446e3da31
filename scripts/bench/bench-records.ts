import type {
  AgeGroup,
  Citizenship,
  Compensation,
  CountryCode,
  CrossBorder,
  Exploitation,
  LegalStatus,
  NaceSection,
  Protection,
  PseudonymisedRecord,
  RegisteringOrganisation,
  ResidencePermit,
  Return,
  Sex,
} from '#app/standard';
import { SeededRandom } from '../synthetic/seeded-random.js';

/**
 * Seeded pseudonymised records for the hub benchmarks, drawn from the same Eurostat-shaped distributions as
 * scripts/synthetic (about 70% of victims female, one in five a child, 55% sexual and 27% labour exploitation, most
 * citizens of the reporting country or from outside the EU), spread over countries in proportion to their usual
 * number of registered victims. Person ids are synthetic (`<country>-<n>`); no identity is ever made.
 */

/** The 27 member states, Norway, Switzerland and the United Kingdom, weighted roughly like Eurostat's THB counts. */
export const BENCH_COUNTRY_WEIGHTS: readonly (readonly [CountryCode, number])[] = [
  ['FR', 12],
  ['DE', 10],
  ['IT', 9],
  ['UK', 8],
  ['NL', 8],
  ['ES', 7],
  ['RO', 6],
  ['BE', 4],
  ['PL', 4],
  ['AT', 3],
  ['BG', 3],
  ['EL', 2],
  ['HU', 2],
  ['PT', 2],
  ['SE', 2],
  ['CZ', 1.5],
  ['DK', 1],
  ['FI', 1],
  ['IE', 1],
  ['SK', 1],
  ['NO', 1],
  ['CH', 1],
  ['CY', 0.5],
  ['HR', 0.5],
  ['LT', 0.5],
  ['LV', 0.5],
  ['SI', 0.5],
  ['EE', 0.3],
  ['LU', 0.3],
  ['MT', 0.3],
];

export const BENCH_QUARTERS: readonly string[] = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];

const EU_CITIZENSHIPS: readonly Citizenship[] = ['RO', 'BG', 'HU', 'PL', 'SK', 'LT', 'EL', 'IT', 'FR', 'DE', 'CZ', 'HR'];
const NON_EU_CITIZENSHIPS: readonly Citizenship[] = [
  'NG',
  'UA',
  'CN',
  'VN',
  'MA',
  'BR',
  'PH',
  'IN',
  'AL',
  'RS',
  'DO',
  'TH',
  'GH',
  'MD',
  'PK',
];
const ADULT_AGE_GROUPS: readonly (readonly [AgeGroup, number])[] = [
  ['Y18-24', 30],
  ['Y25-34', 32],
  ['Y35-44', 18],
  ['Y45-54', 10],
  ['Y55-64', 4],
  ['Y_GE65', 1],
  ['Y_GE18', 3],
  ['UNK', 2],
];
const CHILD_AGE_GROUPS: readonly (readonly [AgeGroup, number])[] = [
  ['Y0-11', 25],
  ['Y12-17', 70],
  ['Y_LT18', 5],
];

/** A person to draw a record for: who (for the pseudonym) and where and when the record was registered. */
export interface BenchPerson {
  readonly personId: string;
  readonly country: CountryCode;
  readonly period: string;
}

export interface PersonPlanOptions {
  readonly seed: number;
  /** Countries with their weights; one country gives a single country's return. */
  readonly countries: readonly (readonly [CountryCode, number])[];
  readonly periods: readonly string[];
  /**
   * Share of records whose person was already registered in an earlier period of the same country (a presumed victim
   * identified later, a suspect prosecuted): the release must count them once per year. 0 gives distinct persons.
   */
  readonly recurrence: number;
}

/**
 * Who the next `count` records are about, from record `from` on: a pure function of the options and the index, so a
 * large data set can be drawn in batches (`from` = 0, 50 000, ...) with the same result as in one go.
 */
export function benchPersons(options: PersonPlanOptions, from: number, count: number): BenchPerson[] {
  const totalWeight = options.countries.reduce((sum, [, weight]) => sum + weight, 0);
  const drawOf = (index: number): { country: CountryCode; periodIndex: number; recurring: boolean; random: SeededRandom } => {
    const random = new SeededRandom(mix(options.seed, index));
    let threshold = random.next() * totalWeight;
    let country = options.countries[options.countries.length - 1]![0];
    for (const [code, weight] of options.countries) {
      threshold -= weight;
      if (threshold < 0) {
        country = code;
        break;
      }
    }
    const periodIndex = random.integer(0, options.periods.length - 1);
    return { country, periodIndex, recurring: index > 0 && random.chance(options.recurrence), random };
  };
  const persons: BenchPerson[] = [];
  for (let index = from; index < from + count; index += 1) {
    const draw = drawOf(index);
    let personIndex = index;
    // A recurring record is about the person of an earlier, first-time record of the same country: person ids then
    // repeat across periods (and, rarely, within one), as they do at a real node.
    for (let attempt = 0; draw.recurring && attempt < 16; attempt += 1) {
      const earlier = draw.random.integer(0, index - 1);
      const candidate = drawOf(earlier);
      if (candidate.country === draw.country && !candidate.recurring) {
        personIndex = earlier;
        break;
      }
    }
    persons.push({ personId: `${draw.country}-${personIndex}`, country: draw.country, period: options.periods[draw.periodIndex]! });
  }
  return persons;
}

/**
 * The record of one person, drawn from the distributions above with a generator seeded by `seed` and the person's
 * index, so records are the same in every run and every batch size.
 */
export function benchRecord(person: BenchPerson, pseudonym: string, seed: number, index: number): PseudonymisedRecord {
  const random = new SeededRandom(mix(seed ^ 0x5bd1e995, index));
  const legalStatus = random.weighted<LegalStatus>([
    ['IDENTIFIED_VICTIM', 40],
    ['PRESUMED_VICTIM', 30],
    ['SUSPECT', 16],
    ['PROSECUTED', 9],
    ['CONVICTED', 5],
  ]);
  const victim = legalStatus === 'IDENTIFIED_VICTIM' || legalStatus === 'PRESUMED_VICTIM';
  const sex = victim
    ? random.weighted<Sex>([
        ['F', 70],
        ['M', 27],
        ['OTHER', 1],
        ['UNK', 2],
      ])
    : random.weighted<Sex>([
        ['M', 75],
        ['F', 22],
        ['UNK', 3],
      ]);
  const ageGroup = victim && random.chance(0.2) ? random.weighted(CHILD_AGE_GROUPS) : random.weighted(ADULT_AGE_GROUPS);
  const origin = random.weighted([
    ['NATIONAL', 40],
    ['EU', 25],
    ['NON_EU', 30],
    ['STLS', 1],
    ['UNK', 4],
  ] as const);
  const citizenship: Citizenship =
    origin === 'NATIONAL'
      ? person.country
      : origin === 'EU'
        ? random.pick(EU_CITIZENSHIPS.filter((code) => code !== person.country))
        : origin === 'NON_EU'
          ? random.pick(NON_EU_CITIZENSHIPS)
          : origin;
  const firstForm = random.weighted<Exploitation>([
    ['SEXUAL', 55],
    ['LABOUR', 27],
    ['CRIMINAL_ACTIVITIES', 6],
    ['BEGGING', 3],
    ['DOMESTIC_SERVITUDE', 3],
    ['FORCED_MARRIAGE', 2],
    ['OTHER', 2],
    ['UNK', 2],
  ]);
  const forms = new Set<Exploitation>([firstForm]);
  if (firstForm !== 'UNK' && random.chance(0.08)) forms.add(random.pick<Exploitation>(['LABOUR', 'CRIMINAL_ACTIVITIES', 'SEXUAL']));
  const exploitation = [...forms] as [Exploitation, ...Exploitation[]];
  const labourSector =
    forms.has('LABOUR') && random.chance(0.7)
      ? random.weighted<NaceSection>([
          ['A', 30],
          ['C', 15],
          ['F', 25],
          ['I', 20],
          ['T', 10],
        ])
      : undefined;
  const crossBorder = random.weighted<CrossBorder>([
    ['CROSS_BORDER', 60],
    ['DOMESTIC', 30],
    ['UNK', 10],
  ]);
  const common = {
    pseudonym,
    country: person.country,
    period: person.period,
    sex,
    ageGroup,
    citizenship,
    exploitation,
    ...(labourSector === undefined ? {} : { labourSector }),
    crossBorder,
    consent: { statistics: true, international: true },
  };
  if (!victim) return { ...common, legalStatus: legalStatus as 'SUSPECT' | 'PROSECUTED' | 'CONVICTED' };
  const registeringOrganisation = random.weighted<RegisteringOrganisation>([
    ['POLICE', 55],
    ['NGO', 25],
    ['IMMIGRATION', 8],
    ['LABOUR_INSPECTION', 5],
    ['HEALTH_SOCIAL', 4],
    ['PROSECUTION_COURT', 3],
  ]);
  const protection = random.chance(0.6) ? protectionOf(random, origin === 'NON_EU') : undefined;
  return {
    ...common,
    legalStatus,
    registeringOrganisation,
    ...(protection === undefined ? {} : { protection }),
  };
}

function protectionOf(random: SeededRandom, nonEu: boolean): Protection {
  const residencePermit = nonEu
    ? random.weighted<ResidencePermit>([
        ['NONE', 40],
        ['TEMPORARY_COOPERATION', 30],
        ['TEMPORARY_HUMANITARIAN', 20],
        ['INTERNATIONAL_PROTECTION', 8],
        ['PERMANENT', 2],
      ])
    : undefined;
  return {
    reflectionPeriod: random.integer(30, 90),
    ...(residencePermit === undefined ? {} : { residencePermit }),
    assistance: random.chance(0.7),
    compensation: random.weighted<Compensation>([
      ['NONE', 80],
      ['CLAIMED', 12],
      ['AWARDED', 6],
      ['PAID', 2],
    ]),
    returned: random.weighted<Return>([
      ['NONE', 90],
      ['VOLUNTARY', 8],
      ['FORCED', 2],
    ]),
  };
}

/** A 32-bit seed from a seed and an index (splitmix-like), so neighbouring indexes get unrelated streams. */
function mix(seed: number, index: number): number {
  let value = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0;
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35) >>> 0;
  return (value ^ (value >>> 16)) >>> 0;
}
