import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseFieldsOf } from '#app/standard';
import { NodeTestBed, type TestNode } from '../../../../test/support/node-test-app.js';
import { PERSON, PERSONS } from '../../../../test/support/node-operations.js';
import { PersonEntity } from './person.entity.js';
import { PersonsModule } from './persons.module.js';
import { RegistrationEntity } from './registration.entity.js';

/**
 * The persons module alone over real GraphQL and a migrated database (no keys, vault, outbox or hub): the reads,
 * their paging and the refusals of bad arguments, each a stable code at the argument's path.
 */
describe('PersonsResolver', () => {
  let bed: NodeTestBed;
  let node: TestNode;
  const ids: string[] = [];

  beforeAll(async () => {
    bed = await NodeTestBed.create('persons-resolver');
    node = await bed.startFeatures([PersonsModule]);
    const start = Date.parse('2026-01-05T10:00:00Z');
    for (let index = 0; index < 5; index += 1) {
      const id = randomUUID();
      ids.push(id);
      const at = new Date(start + index * 60_000);
      await node.dataSource.manager.insert(PersonEntity, {
        id,
        externalRef: `case-${index}`,
        pseudonym: `${String.fromCharCode(65 + index).repeat(42)}A`,
        statisticsConsentGivenOn: '2026-01-05',
        internationalConsentGivenOn: index === 4 ? null : '2026-01-05',
        revokedAt: null,
        createdAt: at,
        updatedAt: at,
      });
      // Persons 0, 2 and 4 were registered in 2026-Q1; everyone in 2025.
      const periods = index % 2 === 0 ? ['2025', '2026-Q1'] : ['2025'];
      for (const period of periods) {
        await node.dataSource.manager.insert(RegistrationEntity, {
          id: randomUUID(),
          personId: id,
          registrationDate: null,
          period,
          ...caseFieldsOf({}),
          legalStatus: 'IDENTIFIED_VICTIM',
          sex: 'F',
          ageGroup: 'Y18-24',
          citizenship: 'RO',
          exploitation: ['SEXUAL'],
          crossBorder: 'CROSS_BORDER',
          protection: null,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
  });

  afterAll(async () => {
    await node?.close();
    await bed?.dispose();
  });

  it('pages persons in order of creation, with the total and each one’s registrations', async () => {
    const first = await node.data(bed.tokens.rapporteur, PERSONS, { first: 2 });
    expect(first.persons.totalCount).toBe(5);
    expect(first.persons.items.map((person: { id: string }) => person.id)).toEqual(ids.slice(0, 2));
    const rest = await node.data(bed.tokens.steward, PERSONS, { first: 2, offset: 4 });
    expect(rest.persons.items.map((person: { id: string }) => person.id)).toEqual(ids.slice(4));
    expect(rest.persons.items[0].registrations.map((registration: { period: string }) => registration.period)).toEqual(['2025', '2026-Q1']);
    expect(rest.persons.items[0].consent).toMatchObject({ statistics: true, international: false });
  });

  it('filters by period and by external reference', async () => {
    const inQuarter = await node.data(bed.tokens.rapporteur, PERSONS, { period: '2026-Q1' });
    expect(inQuarter.persons.items.map((person: { id: string }) => person.id)).toEqual([ids[0], ids[2], ids[4]]);
    const byReference = await node.data(bed.tokens.rapporteur, PERSONS, { externalRef: 'case-3' });
    expect(byReference.persons).toMatchObject({ totalCount: 1, items: [{ id: ids[3] }] });
  });

  it('filters on one registration by codes, on consent and a year, in the order asked', async () => {
    const FILTERED = `query ($period: Period, $sex: String, $exploitation: String, $consent: PersonConsentState, $sort: PersonSort) {
      persons(period: $period, sex: $sex, exploitation: $exploitation, consent: $consent, sort: $sort) { totalCount items { id } } }`;
    const idsOf = async (variables: Record<string, unknown>) =>
      (await node.data(bed.tokens.rapporteur, FILTERED, variables)).persons.items.map((person: { id: string }) => person.id);
    await expect(idsOf({ sex: 'M' })).resolves.toEqual([]);
    // A year finds the registrations of its quarters as well as those of the year itself.
    await expect(idsOf({ period: '2026', exploitation: 'SEXUAL' })).resolves.toEqual([ids[0], ids[2], ids[4]]);
    await expect(idsOf({ consent: 'STATISTICS_ONLY' })).resolves.toEqual([ids[4]]);
    await expect(idsOf({ consent: 'REVOKED' })).resolves.toEqual([]);
    await expect(idsOf({ sort: 'NEWEST_FIRST' })).resolves.toEqual([...ids].reverse());
    const unknown = await node.graphql(bed.tokens.rapporteur, FILTERED, { exploitation: 'SEXUALS' });
    expect(unknown.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CODE', fields: ['exploitation'] }),
    ]);
  });

  it('answers one person by id, whatever the case of the id', async () => {
    const { person } = await node.data(bed.tokens.rapporteur, PERSON, { id: ids[1]!.toUpperCase() });
    expect(person).toMatchObject({ id: ids[1], externalRef: 'case-1', revoked: false });
  });

  it.each([
    ['a malformed period', PERSONS, { period: '2026-Q5' }, 'INVALID_PERIOD', ['period']],
    ['a page of none', PERSONS, { first: 0 }, 'INVALID_LIMIT', ['first']],
    ['a page too large', PERSONS, { first: 501 }, 'INVALID_LIMIT', ['first']],
    ['a negative offset', PERSONS, { offset: -1 }, 'INVALID_LIMIT', ['offset']],
    ['a malformed id', PERSON, { id: 'case-1' }, 'INVALID_ID', ['id']],
    ['an unknown id', PERSON, { id: randomUUID() }, 'PERSON_NOT_FOUND', ['id']],
  ])('refuses %s with a stable code at the argument', async (_what, query, variables, code, fields) => {
    const answer = await node.graphql(bed.tokens.rapporteur, query, variables);
    expect(answer.data?.person ?? answer.data?.persons ?? null).toBeNull();
    expect(answer.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code, fields })]);
  });

  it('refuses callers without a node role and rapporteurs of another country', async () => {
    const researcher = await node.graphql(bed.tokens.researcher, PERSONS);
    expect(researcher.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await node.graphql(bed.tokens.foreignRapporteur, PERSONS);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('COUNTRY_OUT_OF_SCOPE');
    const anonymous = await node.graphql(undefined, PERSONS);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
