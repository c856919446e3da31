import { describe, expect, it } from '@jest/globals';
import { graphql, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { formatGraphQLError } from '../graphql-errors.js';
import { PeriodScalar } from './period.scalar.js';
import { UuidScalar } from './uuid.scalar.js';

const EntryInput = new GraphQLInputObjectType({
  name: 'EntryInput',
  fields: { periods: { type: new GraphQLList(new GraphQLNonNull(PeriodScalar)) }, validTo: { type: PeriodScalar } },
});

/** Echoes what the resolver received, so the parsed form is visible. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      period: {
        type: PeriodScalar,
        args: { period: { type: new GraphQLNonNull(PeriodScalar) } },
        resolve: (_root, args: { period: unknown }) => args.period,
      },
      received: {
        type: GraphQLString,
        args: { period: { type: PeriodScalar }, id: { type: UuidScalar }, input: { type: EntryInput } },
        resolve: (_root, args: Record<string, unknown>) => JSON.stringify(args),
      },
      storedPeriod: { type: PeriodScalar, resolve: () => '2026-Q1' },
    },
  }),
});

async function answer(query: string, variableValues?: Record<string, unknown>) {
  const result = await graphql({ schema, source: query, variableValues });
  const errors = (result.errors ?? []).map((error) => formatGraphQLError(error.toJSON(), error, () => undefined));
  return { data: result.data, errors };
}

describe('Period and UUID scalars', () => {
  it('hand resolvers a parsed period and a lower-case id, and answer the canonical text', async () => {
    const id = '6F9619FF-8B86-D011-B42D-00C04FC964FF';
    const { data } = await answer('query($p: Period, $id: UUID) { received(period: $p, id: $id) storedPeriod }', { p: '2026', id });
    expect(JSON.parse(String(data?.received))).toEqual({ period: { kind: 'year', year: 2026 }, id: id.toLowerCase() });
    expect(data?.storedPeriod).toBe('2026-Q1');
    expect((await answer('{ period(period: "2026-Q3") }')).data).toEqual({ period: '2026-Q3' });
  });

  it.each([
    ['2026Q3', 'INVALID_PERIOD'],
    ['2026-q3', 'INVALID_PERIOD'],
    ['2026-Q5', 'INVALID_PERIOD'],
    ['2026W10', 'INVALID_PERIOD'],
    [2026, 'INVALID_PERIOD'],
  ])('refuses the period %p with %s and the variable as the field', async (period, code) => {
    const { data, errors } = await answer('query($period: Period!) { period(period: $period) }', { period });
    expect(data).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toEqual({ code, fields: ['period'] });
    expect(errors[0]?.message).toBe('A period is written YYYY-Qn (a quarter) or YYYY (a year).');
  });

  it('names the path inside an input object and a list', async () => {
    const query = 'query($input: EntryInput) { received(input: $input) }';
    const inList = await answer(query, { input: { periods: ['2026', '2026-Q9'] } });
    expect(inList.errors[0]?.extensions).toEqual({ code: 'INVALID_PERIOD', fields: ['input.periods.1'] });
    const inField = await answer(query, { input: { validTo: 'soon' } });
    expect(inField.errors[0]?.extensions).toEqual({ code: 'INVALID_PERIOD', fields: ['input.validTo'] });
  });

  it('is not misled by a value that itself looks like a path', async () => {
    const { errors } = await answer('query($period: Period!) { period(period: $period) }', { period: 'x at "input.other"' });
    expect(errors[0]?.extensions).toEqual({ code: 'INVALID_PERIOD', fields: ['period'] });
  });

  it('refuses a malformed id with INVALID_ID and never echoes the value', async () => {
    const { errors } = await answer('query($id: UUID) { received(id: $id) }', { id: 'person-Maria-Popescu' });
    expect(errors[0]?.extensions).toEqual({ code: 'INVALID_ID', fields: ['id'] });
    expect(JSON.stringify(errors)).not.toContain('Maria');
  });

  it('refuses a literal in the query text with its code and location', async () => {
    const { errors } = await answer('{ period(period: "2026Q3") }');
    expect(errors[0]?.extensions).toEqual({ code: 'INVALID_PERIOD', fields: [] });
    expect(errors[0]?.locations).toEqual([{ line: 1, column: 18 }]);
  });
});
