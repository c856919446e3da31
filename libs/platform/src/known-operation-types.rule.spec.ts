import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { knownOperationTypesRule } from './known-operation-types.rule.js';

const schema = buildSchema('type Query { a: Int } type Mutation { b: Int }');
const errorsOf = (document: string) => validate(schema, parse(document), [knownOperationTypesRule]).map((error) => error.message);

describe('knownOperationTypesRule', () => {
  it('refuses a subscription when the schema has none, at validation rather than as an execution failure', () => {
    expect(errorsOf('subscription { a }')).toEqual(['This service has no subscription operations.']);
  });

  it('lets queries and mutations through', () => {
    expect(errorsOf('{ a } mutation M { b }')).toEqual([]);
  });
});
