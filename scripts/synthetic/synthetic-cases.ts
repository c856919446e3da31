import { SeededRandom } from './seeded-random.js';

/**
 * Synthetic case registrations in the standard's CSV template, with synthetic identities, drawn from
 * distributions shaped like Eurostat's THB statistics (about 70% of registered victims female, 55% sexual
 * exploitation, 25-30% labour, about one in five a child, most citizens of the reporting country or outside the EU).
 */
export interface SyntheticCaseOptions {
  country: string;
  /** First and last quarter, e.g. `2025-Q1` .. `2026-Q2`; registrations spread evenly over them. */
  firstPeriod: string;
  lastPeriod: string;
  count: number;
  seed: number;
  /** Share of persons without consent to international transmission. */
  withoutInternationalConsent?: number;
}

export const TEMPLATE_HEADER = [
  'personId',
  'registrationDate',
  'legalStatus',
  'sex',
  'birthDate',
  'ageGroup',
  'citizenship',
  'exploitation',
  'labourSector',
  'registeringOrganisation',
  'crossBorder',
  'consentStatistics',
  'consentInternational',
  'residencePermit',
  'compensation',
  'returned',
  'assistance',
  'givenName',
  'familyName',
  'documentNumber',
  'phone',
  'email',
  'notes',
] as const;

export type TemplateRow = Record<(typeof TEMPLATE_HEADER)[number], string>;

const givenNames = [
  'Ana',
  'Maria',
  'Elena',
  'Olena',
  'Fatima',
  'Grace',
  'Joy',
  'Mihai',
  'Ion',
  'Ahmed',
  'Li',
  'Sofia',
  'Irina',
  'Blessing',
  'Nadia',
  'Tomas',
];
const familyNames = [
  'Popescu',
  'Ivanova',
  'Okafor',
  'Nguyen',
  'Kowalska',
  'Horvat',
  'Silva',
  'Haddad',
  'Petrov',
  'Mensah',
  'Garcia',
  'Dimitrova',
];
const euCitizenships = ['RO', 'BG', 'HU', 'PL', 'SK', 'LT', 'EL', 'IT', 'FR', 'DE', 'CZ', 'HR'];
const nonEuCitizenships = ['NG', 'UA', 'CN', 'VN', 'MA', 'BR', 'PH', 'IN', 'AL', 'RS', 'DO', 'TH', 'GH', 'MD', 'PK'];

export function* syntheticCases(options: SyntheticCaseOptions): Generator<TemplateRow> {
  const random = new SeededRandom(options.seed);
  const periods = quartersBetween(options.firstPeriod, options.lastPeriod);
  const noConsentShare = options.withoutInternationalConsent ?? 0.08;
  for (let index = 0; index < options.count; index += 1) {
    const period = periods[index % periods.length]!;
    const registrationDate = dateInQuarter(period, random);
    const legalStatus = random.weighted([
      ['IDENTIFIED_VICTIM', 40],
      ['PRESUMED_VICTIM', 30],
      ['SUSPECT', 16],
      ['PROSECUTED', 9],
      ['CONVICTED', 5],
    ] as const);
    const victim = legalStatus.endsWith('VICTIM');
    const sex = victim
      ? random.weighted([
          ['F', 70],
          ['M', 27],
          ['OTHER', 1],
          ['UNK', 2],
        ] as const)
      : random.weighted([
          ['M', 75],
          ['F', 22],
          ['UNK', 3],
        ] as const);
    const child = victim && random.chance(0.2);
    const ageYears = child ? random.integer(3, 17) : random.integer(18, 66);
    const birthDate = random.chance(0.04) ? '' : birthDateFor(registrationDate, ageYears, random);
    const citizenship = random.weighted([
      [options.country, 40],
      ['EU', 25],
      ['NON_EU', 30],
      ['STLS', 1],
      ['UNK', 4],
    ] as const);
    const citizenshipCode =
      citizenship === 'EU'
        ? random.pick(euCitizenships.filter((code) => code !== options.country))
        : citizenship === 'NON_EU'
          ? random.pick(nonEuCitizenships)
          : citizenship;
    const forms = new Set<string>([
      random.weighted([
        ['SEXUAL', 55],
        ['LABOUR', 27],
        ['CRIMINAL_ACTIVITIES', 6],
        ['BEGGING', 3],
        ['DOMESTIC_SERVITUDE', 3],
        ['FORCED_MARRIAGE', 2],
        ['OTHER', 2],
        ['UNK', 2],
      ] as const),
    ]);
    if (!forms.has('UNK') && random.chance(0.08)) forms.add(random.pick(['LABOUR', 'CRIMINAL_ACTIVITIES', 'SEXUAL']));
    const labour = forms.has('LABOUR');
    const givenName = random.pick(givenNames);
    const familyName = random.pick(familyNames);
    yield {
      personId: `${options.country}-${options.seed}-${index + 1}`,
      registrationDate,
      legalStatus,
      sex,
      birthDate,
      // A birth date unknown to the node: the age group is then unknown too, never guessed.
      ageGroup: birthDate === '' ? 'UNK' : '',
      citizenship: citizenshipCode,
      exploitation: [...forms].join(';'),
      labourSector: labour
        ? random.weighted([
            ['A', 30],
            ['C', 15],
            ['F', 25],
            ['I', 20],
            ['T', 10],
          ] as const)
        : '',
      registeringOrganisation: victim
        ? random.weighted([
            ['POLICE', 55],
            ['NGO', 25],
            ['IMMIGRATION', 8],
            ['LABOUR_INSPECTION', 5],
            ['HEALTH_SOCIAL', 4],
            ['PROSECUTION_COURT', 3],
          ] as const)
        : '',
      crossBorder: random.weighted([
        ['CROSS_BORDER', 60],
        ['DOMESTIC', 30],
        ['UNK', 10],
      ] as const),
      consentStatistics: 'true',
      consentInternational: random.chance(noConsentShare) ? 'false' : 'true',
      residencePermit:
        victim && citizenship === 'NON_EU'
          ? random.weighted([
              ['NONE', 40],
              ['TEMPORARY_COOPERATION', 30],
              ['TEMPORARY_HUMANITARIAN', 20],
              ['INTERNATIONAL_PROTECTION', 10],
            ] as const)
          : '',
      compensation: victim
        ? random.weighted([
            ['NONE', 80],
            ['CLAIMED', 12],
            ['AWARDED', 6],
            ['PAID', 2],
          ] as const)
        : '',
      returned: victim
        ? random.weighted([
            ['NONE', 90],
            ['VOLUNTARY', 8],
            ['FORCED', 2],
          ] as const)
        : '',
      assistance: victim ? String(random.chance(0.7)) : '',
      givenName,
      familyName,
      documentNumber: `${random.pick(['P', 'ID', 'X'])}${random.integer(1_000_000, 9_999_999)}`,
      phone: `+${random.integer(30, 49)} ${random.integer(100, 999)} ${random.integer(100000, 999999)}`,
      email: `${givenName}.${familyName}.${index}@example.org`.toLowerCase(),
      notes: random.chance(0.3) ? `Referred by ${random.pick(['hotline', 'outreach worker', 'labour inspector', 'border guard'])}` : '',
    };
  }
}

export function quartersBetween(first: string, last: string): string[] {
  const parse = (period: string) => {
    const match = /^(\d{4})-Q([1-4])$/.exec(period);
    if (!match) throw new Error(`not a quarter: ${period}`);
    return Number(match[1]) * 4 + Number(match[2]) - 1;
  };
  const quarters: string[] = [];
  for (let index = parse(first); index <= parse(last); index += 1) quarters.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  if (quarters.length === 0) throw new Error(`${first} is after ${last}`);
  return quarters;
}

function dateInQuarter(period: string, random: SeededRandom): string {
  const year = Number(period.slice(0, 4));
  const month = (Number(period.slice(6)) - 1) * 3 + random.integer(1, 3);
  const day = random.integer(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function birthDateFor(registrationDate: string, ageYears: number, random: SeededRandom): string {
  const registration = new Date(`${registrationDate}T00:00:00Z`);
  // A birthday between (age+1) years and age years before registration, so the age at registration is exact.
  const latest = Date.UTC(registration.getUTCFullYear() - ageYears, registration.getUTCMonth(), registration.getUTCDate());
  const offsetDays = random.integer(1, 364);
  return new Date(latest - offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** RFC 4180 line. */
export function csvLine(values: readonly string[]): string {
  return `${values.map((value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',')}\n`;
}
