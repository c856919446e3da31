import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listAccessMatrix } from '#app/auth';
import { pseudonymOf } from '#app/crypto';
import { NodeTestBed, type TestNode } from '../support/node-test-app.js';
import {
  ADD_REGISTRATION,
  CORRECT_IDENTITY,
  CORRECT_REGISTRATION,
  CREATE_PERSON,
  PERSON,
  PERSON_IDENTITY,
  PERSONS,
  PREVIEW_RETURN,
  RECORD_CONSENT,
  personInput,
  registrationInput,
  SUBMIT_RETURN,
} from '../support/node-operations.js';

// No hub is needed here: nothing is submitted successfully, so the outbox stays empty.
const unreachableHub = { url: 'http://127.0.0.1:9' };

describe('national node: persons and registrations over GraphQL', () => {
  let bed: NodeTestBed;
  let node: TestNode;

  beforeAll(async () => {
    bed = await NodeTestBed.create('cases');
    node = await bed.start(bed.config(unreachableHub));
  });
  afterAll(async () => {
    await node?.close();
    await bed?.dispose();
  });

  it('records a person with identity, consent and registrations; derives period, age group and pseudonym', async () => {
    const input = personInput({
      externalRef: 'AT-CASE-001',
      registrations: [
        registrationInput(),
        registrationInput({
          registrationDate: '2026-04-02',
          legalStatus: 'PRESUMED_VICTIM',
          exploitation: ['LABOUR', 'BEGGING'],
          labourSector: 'A',
        }),
      ],
    });
    const { createPerson: person } = await node.data(bed.tokens.rapporteur, CREATE_PERSON, { input });
    expect(person.externalRef).toBe('AT-CASE-001');
    expect(person.pseudonym).toBe(pseudonymOf(person.id, node.keyring.pseudonymKey));
    expect(person.consent).toEqual({
      statistics: true,
      statisticsGivenOn: '2026-02-10',
      international: true,
      internationalGivenOn: '2026-02-10',
    });
    expect(
      person.registrations.map((registration: Record<string, unknown>) => [
        registration.period,
        registration.legalStatus,
        registration.ageGroup,
      ]),
    ).toEqual([
      ['2026-Q1', 'IDENTIFIED_VICTIM', 'Y25-34'],
      ['2026-Q2', 'PRESUMED_VICTIM', 'Y25-34'],
    ]);

    const { personIdentity } = await node.data(bed.tokens.rapporteur, PERSON_IDENTITY, { personId: person.id });
    expect(personIdentity).toMatchObject({
      givenNames: 'Ana',
      familyNames: 'Popescu',
      birthDate: '1999-05-01',
      documentNumbers: ['RO1234567'],
    });
  });

  it('keeps identity fields out of every column in clear', async () => {
    const tables: Array<{ table_name: string; column_name: string }> = await node.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character', 'character varying', 'jsonb', 'ARRAY', 'bytea')`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name: table, column_name: column } of tables) {
      const [{ type }] = await node.dataSource.query(
        `SELECT data_type AS type FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`,
        [table, column],
      );
      // Byte columns are searched as bytes (a name stored in clear there would show), the others as their text.
      const haystack = type === 'bytea' ? `"${column}"` : `convert_to("${column}"::text, 'UTF8')`;
      const [row] = await node.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table}"
          WHERE position(convert_to($1, 'UTF8') IN ${haystack}) > 0 OR position(convert_to($2, 'UTF8') IN ${haystack}) > 0`,
        ['Popescu', 'RO1234567'],
      );
      expect({ table, column, hits: row.n }).toEqual({ table, column, hits: 0 });
    }
  });

  it('corrects identity (re-deriving age groups), adds and corrects registrations', async () => {
    const { createPerson: person } = await node.data(bed.tokens.rapporteur, CREATE_PERSON, {
      input: personInput({ identity: { givenNames: 'Ion' }, registrations: [registrationInput({ sex: 'M', ageGroup: 'UNK' })] }),
    });
    expect(person.registrations[0].ageGroup).toBe('UNK');

    const { correctIdentity } = await node.data(bed.tokens.rapporteur, CORRECT_IDENTITY, {
      personId: person.id,
      identity: { givenNames: 'Ion', birthDate: '2010-03-01' },
    });
    expect(correctIdentity.registrations[0].ageGroup).toBe('Y12-17');
    const { personIdentity } = await node.data(bed.tokens.rapporteur, PERSON_IDENTITY, { personId: person.id });
    expect(personIdentity).toMatchObject({ givenNames: 'Ion', birthDate: '2010-03-01', familyNames: null, documentNumbers: [] });

    const { addRegistration } = await node.data(bed.tokens.rapporteur, ADD_REGISTRATION, {
      personId: person.id,
      input: registrationInput({ registrationYear: 2019, registrationDate: null, sex: 'M' }),
    });
    expect(addRegistration).toMatchObject({ period: '2019', registrationDate: null, ageGroup: 'Y0-11' });

    const duplicate = await node.graphql(bed.tokens.rapporteur, ADD_REGISTRATION, {
      personId: person.id,
      input: registrationInput({ registrationDate: '2026-03-30', sex: 'M' }),
    });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('DUPLICATE_REGISTRATION');

    const { correctRegistration } = await node.data(bed.tokens.rapporteur, CORRECT_REGISTRATION, {
      registrationId: addRegistration.id,
      input: registrationInput({ registrationYear: 2019, registrationDate: null, sex: 'M', exploitation: ['CRIMINAL_ACTIVITIES'] }),
    });
    expect(correctRegistration).toMatchObject({ id: addRegistration.id, exploitation: ['CRIMINAL_ACTIVITIES'] });

    const { person: reread } = await node.data(bed.tokens.steward, PERSON, { id: person.id });
    expect(reread.registrations).toHaveLength(2);
  });

  it('lists persons by period with paging', async () => {
    const { persons: firstQuarter } = await node.data(bed.tokens.rapporteur, PERSONS, { period: '2026-Q1', first: 1 });
    expect(firstQuarter.totalCount).toBe(2);
    expect(firstQuarter.items).toHaveLength(1);
    const { persons: second } = await node.data(bed.tokens.rapporteur, PERSONS, { period: '2026-Q1', first: 1, offset: 1 });
    expect(second.items[0].id).not.toBe(firstQuarter.items[0].id);
    const { persons: byRef } = await node.data(bed.tokens.rapporteur, PERSONS, { externalRef: 'AT-CASE-001' });
    expect(byRef.items.map((person: { externalRef: string }) => person.externalRef)).toEqual(['AT-CASE-001']);
  });

  it('previews the return and its figures as the hub would publish them, writing nothing', async () => {
    const before = await node.rowCounts();
    const { previewReturn } = await node.data(bed.tokens.rapporteur, PREVIEW_RETURN, { period: '2026-Q1' });
    expect(previewReturn).toMatchObject({
      period: '2026-Q1',
      nextRevision: 1,
      recordCount: 2,
      withheld: { noConsent: 0, invalid: 0 },
      needsZeroConfirmation: false,
      threshold: 5,
    });
    expect(previewReturn.datasets.map((dataset: { id: string }) => dataset.id).sort()).toEqual([
      'offenders_stage',
      'protection',
      'victims_citizenship',
      'victims_exploitation',
      'victims_registering_org',
      'victims_sex_age',
    ]);
    const sexAge = previewReturn.datasets.find((dataset: { id: string }) => dataset.id === 'victims_sex_age');
    expect(sexAge.dimensions).toEqual(['leg_stat', 'sex', 'age']);
    const cell = (coordinates: string[]) =>
      sexAge.cells.find((candidate: { coordinates: string[] }) => candidate.coordinates.join() === coordinates.join());
    // Two victims: below the threshold, so confidential, as the hub's suppression mode would publish it.
    expect(cell(['TOTAL', 'TOTAL', 'TOTAL'])).toEqual({
      coordinates: ['TOTAL', 'TOTAL', 'TOTAL'],
      count: 2,
      value: null,
      flags: 'c',
      belowThreshold: true,
    });
    expect(cell(['IDENTIFIED_VICTIM', 'M', 'Y12-17'])).toMatchObject({ count: 1, value: null, flags: 'c' });
    expect(cell(['PRESUMED_VICTIM', 'F', 'Y0-11'])).toMatchObject({ count: 0, value: 0, flags: '' });
    expect(await node.rowCounts()).toEqual(before);
  });

  describe('refuses bad input with a precise code and field path, changing nothing', () => {
    const cases: Array<[string, string | undefined, string, Record<string, unknown>, string, string[]]> = [
      [
        'an unknown sex code',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ sex: 'X' })] }) },
        'UNKNOWN_CODE',
        ['input.registrations.0.sex'],
      ],
      [
        'an unknown form of exploitation',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ exploitation: ['SEXUAL', 'SLAVERY'] })] }) },
        'UNKNOWN_CODE',
        ['input.registrations.0.exploitation.1'],
      ],
      [
        'an ISO spelling of a citizenship (GR for EL)',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ citizenship: 'GR' })] }) },
        'UNKNOWN_CODE',
        ['input.registrations.0.citizenship'],
      ],
      [
        'a labour sector without labour exploitation',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ labourSector: 'A' })] }) },
        'LABOUR_SECTOR_WITHOUT_LABOUR',
        ['input.registrations.0.labourSector'],
      ],
      [
        'a registering organisation on a suspect',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ legalStatus: 'SUSPECT' })] }) },
        'VICTIMS_ONLY',
        ['input.registrations.0.registeringOrganisation'],
      ],
      [
        'an impossible registration date',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ registrationDate: '2026-02-30' })] }) },
        'FORMAT',
        ['input.registrations.0.registrationDate'],
      ],
      [
        'a registration date in the future',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ registrationDate: '2099-01-01' })] }) },
        'OUT_OF_RANGE',
        ['input.registrations.0.registrationDate'],
      ],
      [
        'a birth date 200 years ago',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ identity: { birthDate: '1826-05-01' } }) },
        'OUT_OF_RANGE',
        ['input.identity.birthDate'],
      ],
      [
        'a birth date after the registration',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ identity: { birthDate: '2026-03-01' } }) },
        'OUT_OF_RANGE',
        ['input.identity.birthDate'],
      ],
      [
        'international consent without statistical consent',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ consent: { statistics: false, international: true } }) },
        'NOT_ALLOWED',
        ['input.consent.international'],
      ],
      [
        'two registrations in one period and legal status',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput(), registrationInput({ registrationDate: '2026-03-01' })] }) },
        'DUPLICATE_REGISTRATION',
        ['input.registrations.1'],
      ],
      ['a malformed period', 'rapporteur', PREVIEW_RETURN, { period: '2026-Q5' }, 'INVALID_PERIOD', ['period']],
      ['a period in ISO week form', 'rapporteur', SUBMIT_RETURN, { period: '2026W10' }, 'INVALID_PERIOD', ['period']],
      ['a period that has not begun', 'rapporteur', SUBMIT_RETURN, { period: '2099-Q1' }, 'PERIOD_NOT_STARTED', ['period']],
      ['the year 1899', 'rapporteur', SUBMIT_RETURN, { period: '1899' }, 'PERIOD_TOO_EARLY', ['period']],
      ['a quarter of 1900', 'rapporteur', PREVIEW_RETURN, { period: '1900-Q1' }, 'PERIOD_TOO_EARLY', ['period']],
      // 2016-Q3 for 2026-Q3: a past period this node never had a registration in would publish a false zero.
      ["a typo'd past period", 'rapporteur', SUBMIT_RETURN, { period: '2016-Q3' }, 'ZERO_NOT_CONFIRMED', ['period']],
      [
        'a true zero confirmed for a period with registrations',
        'rapporteur',
        SUBMIT_RETURN,
        { period: '2026-Q1', confirmZero: true },
        'NOT_A_ZERO',
        ['confirmZero'],
      ],
      [
        'a rapporteur of another country',
        'foreignRapporteur',
        CREATE_PERSON,
        { input: personInput() },
        'COUNTRY_OUT_OF_SCOPE',
        ['country'],
      ],
      [
        'a rapporteur of another country submitting',
        'foreignRapporteur',
        SUBMIT_RETURN,
        { period: '2026-Q1' },
        'COUNTRY_OUT_OF_SCOPE',
        ['country'],
      ],
      ['a steward creating a person', 'steward', CREATE_PERSON, { input: personInput() }, 'FORBIDDEN', []],
      [
        'a rapporteur recording consent',
        'rapporteur',
        RECORD_CONSENT,
        { personId: '00000000-0000-4000-8000-000000000001', input: { statistics: true, international: true } },
        'FORBIDDEN',
        [],
      ],
      [
        'a researcher reading an identity',
        'researcher',
        PERSON_IDENTITY,
        { personId: '00000000-0000-4000-8000-000000000001' },
        'FORBIDDEN',
        [],
      ],
      ['no token at all', undefined, PERSONS, {}, 'UNAUTHENTICATED', []],
      ['a malformed person id', 'rapporteur', PERSON_IDENTITY, { personId: 'not-a-uuid' }, 'INVALID_ID', ['personId']],
      [
        'an unknown person',
        'rapporteur',
        PERSON_IDENTITY,
        { personId: '00000000-0000-4000-8000-00000000abcd' },
        'PERSON_NOT_FOUND',
        ['personId'],
      ],
      [
        'a number as the sex of a registration',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput(), registrationInput({ sex: 5 })] }) },
        'BAD_USER_INPUT',
        ['input.registrations.1.sex'],
      ],
      [
        'an unknown field in a registration',
        'rapporteur',
        CREATE_PERSON,
        { input: personInput({ registrations: [registrationInput({ shoeSize: 44 })] }) },
        'BAD_USER_INPUT',
        ['input.registrations.0'],
      ],
    ];

    it.each(cases)('%s', async (_title, who, operation, variables, code, fields) => {
      const before = await node.rowCounts();
      const token = who === undefined ? undefined : bed.tokens[who as keyof typeof bed.tokens];
      const answer = await node.graphql(token, operation, variables);
      expect(answer.errors?.[0]?.extensions?.code).toBe(code);
      if (fields.length > 0) expect(answer.errors?.[0]?.extensions?.fields).toEqual(fields);
      expect(JSON.stringify(answer.errors)).not.toMatch(/Popescu|RO1234567/);
      expect(await node.rowCounts()).toEqual(before);
    });
  });

  it('says where and why graphql-js refused a value, never the value', async () => {
    const answer = await node.graphql(bed.tokens.rapporteur, CREATE_PERSON, {
      input: personInput({ registrations: [registrationInput({ sex: 5 }), registrationInput({ shoeSize: 44 })] }),
    });
    const messages = (answer.errors ?? []).map((error) => error.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Variable "\$input" got invalid value at "input\.registrations\[0\]\.sex"; \w+ cannot represent/),
      expect.stringMatching(
        /^Variable "\$input" got invalid value at "input\.registrations\[1\]"; Field "shoeSize" is not defined by type "RegistrationInput"/,
      ),
    ]);
    expect(JSON.stringify(answer.errors)).not.toMatch(/Popescu|RO1234567|Ana/);
  });

  it('declares an access rule on every operation (deny by default)', () => {
    const matrix = listAccessMatrix(node.app);
    expect(matrix.filter((entry) => entry.access.kind === 'NONE')).toEqual([]);
    const publicOperations = matrix.filter((entry) => entry.access.kind === 'PUBLIC').map((entry) => entry.operation);
    // Health, and what the console needs before a session: its sign-in page and the identity provider's way in and
    // back, language switch and two static files.
    expect(publicOperations.sort()).toEqual([
      'GET /console/assets/console.css',
      'GET /console/assets/console.js',
      'GET /console/language',
      'GET /console/sign-in',
      'GET /console/sign-in/callback',
      'GET /console/sign-in/provider',
      'GET /healthz',
      'GET /readyz',
      'Query.health',
    ]);
  });
});
