import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphqlSync, parse, validate } from 'graphql';
import { redactInputValues } from './redact-input-values.js';

const schema = buildSchema(`
  enum Sex { F M }
  input RegistrationInput { sex: Sex! age: Int }
  input PersonInput { givenName: String! sex: Sex! age: Int registrations: [RegistrationInput!] }
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

  it.each([
    [
      'an enum inside a list item',
      { givenName: 'x', sex: 'F', registrations: [{ sex: 'F' }, { sex: canary }] },
      'input.registrations[1].sex',
      /The value does not exist in "Sex" enum/,
    ],
    ['a number where an enum is expected', { givenName: 'x', sex: 5 }, 'input.sex', /Enum "Sex" cannot represent non-string value\.$/],
    [
      'a string where an integer is expected, nested',
      { givenName: 'x', sex: 'F', registrations: [{ sex: 'M', age: canary }] },
      'input.registrations[0].age',
      /Int cannot represent non-integer value\.$/,
    ],
    [
      'an unknown field',
      { givenName: 'x', sex: 'F', nickname: canary },
      'input',
      /Field "nickname" is not defined by type "PersonInput"\./,
    ],
    [
      'an unknown field named by an identity',
      { givenName: 'x', sex: 'F', [canary]: 1 },
      'input',
      /A field is not defined by type "PersonInput"/,
    ],
    ['a missing required field', { sex: 'F', age: 3 }, 'input', /Field "givenName" of required type "String!" was not provided\./],
    [
      'a list item missing its required field',
      { givenName: 'x', sex: 'F', registrations: [{ age: 3 }] },
      'input.registrations[0]',
      /Field "sex" of required type "Sex!" was not provided\./,
    ],
    [
      'a value that itself looks like a path and a reason',
      { givenName: 'x', sex: `F at "input.other"; Forged reason` },
      'input.sex',
      /does not exist in "Sex" enum/,
    ],
  ])('keeps the path and the reason of %s, never the value', (_case, input, path, reason) => {
    const messages = variableErrors(input).map(redactInputValues);
    expect(messages).toHaveLength(1);
    const [message] = messages as [string];
    const at = path === 'input' ? '' : ` at "${path}"`;
    expect(message.startsWith(`Variable "$input" got invalid value${at}; `)).toBe(true);
    expect(message).toMatch(reason);
    expect(message).not.toMatch(/Canarysson|Forged/);
  });

  it('keeps the reason of a variable refused as a whole', () => {
    const [message] = variableErrors('not an object').map(redactInputValues);
    expect(message).toBe('Variable "$input" got invalid value; Expected type "PersonInput" to be an object.');
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
