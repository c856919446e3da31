import { describe, expect, it } from '@jest/globals';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { queryLimitRules } from './query-limit.rules.js';
import type { QueryLimits } from './query-limits.js';

const schema = buildSchema(`
  type Query {
    figures(countries: [String!], periods: [String!], filter: FigureFilter): [Figure!]!
    me: Person
  }
  input FigureFilter { sexes: [String!] }
  type Figure { country: String value: Int breakdown: [Figure!]! }
  type Person { name: String friends: [Person!]! }
`);

const generous: QueryLimits = { maxDepth: 100, maxAliases: 1000, maxFields: 100_000, maxListArgumentLength: 1000 };

function limitErrors(document: string, limits: Partial<QueryLimits>, withGraphqlRules = true): readonly GraphQLError[] {
  const rules = queryLimitRules({ ...generous, ...limits });
  return validate(schema, parse(document), withGraphqlRules ? [...specifiedRules, ...rules] : rules);
}

function summary(error: GraphQLError) {
  return {
    code: error.extensions['code'],
    fieldPath: error.extensions['fieldPath'],
    line: error.locations?.[0]?.line,
    column: error.locations?.[0]?.column,
  };
}

/** `{ a0: me { name } a1: me { name } ... }` */
function aliasedQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: me { name }`).join(' ')} }`;
}

describe('queryLimitRules', () => {
  it('accepts a query within every limit', () => {
    const query = '{ me { name friends { name } } figures(countries: ["AT", "EL"]) { country value } }';
    expect(limitErrors(query, { maxDepth: 3, maxAliases: 0, maxFields: 7, maxListArgumentLength: 2 })).toEqual([]);
  });

  it('refuses a query deeper than maxDepth at the first field beyond it', () => {
    const query = '{\n  me {\n    friends {\n      friends {\n        friends { name }\n      }\n    }\n  }\n}';
    expect(limitErrors(query, { maxDepth: 5 })).toEqual([]);
    const errors = limitErrors(query, { maxDepth: 4 });
    expect(errors.map(summary)).toEqual([
      { code: 'QUERY_TOO_DEEP', fieldPath: ['me', 'friends', 'friends', 'friends', 'name'], line: 5, column: 19 },
    ]);
    expect(errors[0].extensions['limit']).toBe(4);
  });

  it('follows fragments and inline fragments when measuring depth', () => {
    const query = `
      { me { ...Outer } }
      fragment Outer on Person { friends { ... on Person { ...Inner } } }
      fragment Inner on Person { deep: friends { name } }`;
    expect(limitErrors(query, { maxDepth: 4 })).toEqual([]);
    expect(limitErrors(query, { maxDepth: 3 }).map(summary)).toEqual([
      { code: 'QUERY_TOO_DEEP', fieldPath: ['me', 'friends', 'deep', 'name'], line: 4, column: 50 },
    ]);
  });

  it('refuses too many aliases, naming the first alias over the limit', () => {
    expect(limitErrors(aliasedQuery(5), { maxAliases: 5 })).toEqual([]);
    expect(limitErrors(aliasedQuery(6), { maxAliases: 5 }).map(summary)).toEqual([
      { code: 'TOO_MANY_ALIASES', fieldPath: ['a5'], line: 1, column: 83 },
    ]);
  });

  it('counts aliases inside a fragment once per spread', () => {
    const query = `
      { one: me { ...Twins } two: me { ...Twins } }
      fragment Twins on Person { left: name right: name }`;
    expect(limitErrors(query, { maxAliases: 6 })).toEqual([]);
    expect(limitErrors(query, { maxAliases: 5 }).map(summary)).toEqual([
      { code: 'TOO_MANY_ALIASES', fieldPath: ['two', 'right'], line: 3, column: 45 },
    ]);
  });

  it('refuses a query selecting more fields than maxFields', () => {
    const query = '{ me { name friends { name friends { name } } } }';
    expect(limitErrors(query, { maxFields: 6 })).toEqual([]);
    expect(limitErrors(query, { maxFields: 5 }).map(summary)).toEqual([
      { code: 'QUERY_TOO_WIDE', fieldPath: ['me', 'friends', 'friends', 'name'], line: 1, column: 38 },
    ]);
  });

  it('sees through fragments that multiply each other (a small document with a huge expansion)', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Person { name }`
        : `fragment F${i} on Person { a: friends { ...F${i + 1} } b: friends { ...F${i + 1} } }`,
    );
    const query = `{ me { ...F0 } }\n${fragments.join('\n')}`;
    const errors = limitErrors(query, { maxFields: 10_000 });
    expect(errors.map((error) => error.extensions['code'])).toEqual(['TOO_MANY_ALIASES', 'QUERY_TOO_WIDE']);
    // 2^30 paths: the count is exact although the document is a few hundred characters.
    expect(errors.find((error) => error.extensions['code'] === 'QUERY_TOO_WIDE')?.message).toMatch(/selects \d{10,} fields/);
  });

  it('refuses a list literal longer than maxListArgumentLength, wherever it is', () => {
    const countries = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `C${i}`));
    expect(limitErrors(`{ figures(countries: ${countries(10)}) { value } }`, { maxListArgumentLength: 10 })).toEqual([]);
    const errors = limitErrors(`{ figures(countries: ${countries(11)}) { value } }`, { maxListArgumentLength: 10 });
    expect(errors.map(summary)).toEqual([{ code: 'LIST_TOO_LONG', fieldPath: ['figures'], line: 1, column: 22 }]);
    expect(errors[0].message).toMatch(/"countries" has 11 items/);
    const nested = limitErrors(`{ stats: figures(filter: { sexes: ${countries(3)} }) { value } }`, { maxListArgumentLength: 2 });
    expect(nested.map(summary)).toEqual([{ code: 'LIST_TOO_LONG', fieldPath: ['stats'], line: 1, column: 35 }]);
    const defaults = limitErrors(`query ($p: [String!] = ${countries(3)}) { figures(periods: $p) { value } }`, {
      maxListArgumentLength: 2,
    });
    expect(defaults.map((error) => error.message)).toEqual(['List in "$p" has 3 items; the limit is 2']);
  });

  it('terminates on a fragment cycle, on its own and beside graphql-js NoFragmentCycles', () => {
    const query = `
      { me { ...A } }
      fragment A on Person { friends { ...B } }
      fragment B on Person { friends { ...A } }`;
    expect(
      limitErrors(query, { maxDepth: 1, maxFields: 1 }, false)
        .map((error) => error.extensions['code'])
        .sort(),
    ).toEqual(['QUERY_TOO_DEEP', 'QUERY_TOO_WIDE']);
    const withGraphqlRules = limitErrors(query, {}, true);
    expect(withGraphqlRules.some((error) => /Cannot spread fragment "A" within itself/.test(error.message))).toBe(true);
  });

  it('survives a self-spreading fragment and an unknown fragment', () => {
    const query = '{ me { ...Self ...Missing } } fragment Self on Person { name ...Self }';
    expect(limitErrors(query, { maxFields: 0 }, false).map(summary)).toEqual([
      { code: 'QUERY_TOO_WIDE', fieldPath: ['me'], line: 1, column: 3 },
    ]);
  });

  it('stays within the call stack on a very long chain of fragments', () => {
    const length = 20_000;
    const chain = Array.from({ length }, (_, i) => `fragment F${i} on Person { name${i + 1 < length ? ` ...F${i + 1}` : ''} }`);
    const errors = limitErrors(`{ me { ...F0 } }\n${chain.join('\n')}`, { maxFields: length - 1 }, false);
    expect(errors.map((error) => [error.extensions['code'], error.message])).toEqual([
      ['QUERY_TOO_WIDE', `Query selects ${length + 1} fields; the limit is ${length - 1}`],
    ]);
  });

  it('checks each operation of a document separately', () => {
    const query = 'query Shallow { me { name } } query Deep { me { friends { friends { name } } } }';
    const errors = limitErrors(query, { maxDepth: 2 });
    expect(errors.map(summary)).toEqual([{ code: 'QUERY_TOO_DEEP', fieldPath: ['me', 'friends', 'friends'], line: 1, column: 59 }]);
  });

  it('counts tokens when maxTokens is set', () => {
    const query = '{ me { name } }';
    expect(limitErrors(query, { maxTokens: 6 })).toEqual([]);
    expect(limitErrors(query, { maxTokens: 5 }).map(summary)).toEqual([{ code: 'QUERY_TOO_LARGE', fieldPath: [], line: 1, column: 1 }]);
  });

  it('refuses meaningless limits', () => {
    expect(() => queryLimitRules({ ...generous, maxDepth: -1 })).toThrow(RangeError);
    expect(() => queryLimitRules({ ...generous, maxTokens: 2.5 })).toThrow(RangeError);
  });

  it('measures the standard introspection query (to choose limits that let tools in)', () => {
    const introspection = getIntrospectionQuery();
    expect(limitErrors(introspection, { maxDepth: 15, maxFields: 220, maxAliases: 0 })).toEqual([]);
    expect(limitErrors(introspection, { maxDepth: 14, maxFields: 219 }).map((error) => error.extensions['code'])).toEqual([
      'QUERY_TOO_DEEP',
      'QUERY_TOO_WIDE',
    ]);
  });
});
