import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphqlSync, parse, validate } from 'graphql';
import { redactInputValues } from './redact-input-values.js';

const schema = buildSchema(`
  enum Sex { F M }
  input PersonInput { givenName: String! sex: Sex! age: Int }
  type Query { person(input: PersonInput!): String }
`);
const canary = 'Zyxwq Canarysson';

function variableErrors(input: unknown): string[] {
  const result = graphqlSync({ schema, source: 'query($input: PersonInput!) { person(input: $input) }', variableValues: { input } });
  return (result.errors ?? []).map((error) => error.message);
}

function literalErrors(document: string): string[] {
  return validate(schema, parse(document)).map((error) => error.message);
}

describe('redactInputValues', () => {
  it.each([
    ['a number where a string is expected', { givenName: 42, sex: 'F' }],
    ['an identity in an enum', { givenName: 'x', sex: canary }],
    ['an identity in an integer', { givenName: 'x', sex: 'F', age: canary }],
    ['an identity in an unknown field', { givenName: 'x', sex: 'F', [canary]: 1 }],
  ])('keeps the location and reason but not the value for %s', (_case, input) => {
    const messages = variableErrors(input);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages.map(redactInputValues)) {
      expect(message).toContain('$input');
      expect(message).not.toContain('Canarysson');
      expect(message).not.toContain('42');
    }
  });

  it('removes values written into the query document', () => {
    const messages = literalErrors(`{ person(input: { givenName: "x", sex: ${canary.split(' ')[0]}, age: "${canary}" }) }`);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages.map(redactInputValues)) {
      expect(message).not.toMatch(/Zyxwq|Canarysson/);
    }
  });

  it('leaves messages without values unchanged', () => {
    expect(redactInputValues('Cannot query field "nope" on type "Query".')).toBe('Cannot query field "nope" on type "Query".');
  });
});
