import { describe, expect, it } from '@jest/globals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { answerKeyOf, getRequestParameters, isCacheableOperation } from './answer-key.js';

const operationOf = (query: string): OperationDefinitionNode => parse(query).definitions[0] as OperationDefinitionNode;

describe('answerKeyOf', () => {
  const query = 'query F($filter: FigureFilter) { figures(dataset: "victims_sex_age", filter: $filter) { values } }';

  it('is the same for the same request whatever the order of the variables, and differs for any other', () => {
    const key = answerKeyOf({ query, variables: { filter: { geo: ['AT'], time: ['2026'] } } });
    expect(answerKeyOf({ query, variables: { filter: { time: ['2026'], geo: ['AT'] } } })).toBe(key);
    expect(answerKeyOf({ query, variables: { filter: { geo: ['AT', 'BE'], time: ['2026'] } } })).not.toBe(key);
    // The order of codes in a list is the order of the answer's cells: not the same request.
    expect(answerKeyOf({ query, variables: { filter: { geo: ['BE', 'AT'] } } })).not.toBe(
      answerKeyOf({ query, variables: { filter: { geo: ['AT', 'BE'] } } }),
    );
    expect(answerKeyOf({ query, operationName: 'F', variables: { filter: { geo: ['AT'], time: ['2026'] } } })).not.toBe(key);
    expect(answerKeyOf({ query: `${query} `, variables: { filter: { geo: ['AT'], time: ['2026'] } } })).not.toBe(key);
    expect(answerKeyOf({ query })).toBe(answerKeyOf({ query, variables: {} }));
  });

  it('leaves alone anything that is not one plain request', () => {
    for (const body of [
      undefined,
      null,
      'query',
      [{ query }],
      { query: 42 },
      { query, variables: ['AT'] },
      { query, operationName: 7 },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { query, extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } },
      { query, extensions: { tracing: true } },
      { variables: {} },
      { query, somethingElse: true },
    ]) {
      expect(answerKeyOf(body)).toBeUndefined();
    }
  });
});

describe('persisted queries and GET parameters', () => {
  const hash = 'ab'.repeat(32);

  it('keys an automatic persisted query by its hash, with or without its text', () => {
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { filter: { geo: ['AT'] } } };
    const key = answerKeyOf(persisted);
    expect(key).toBeDefined();
    expect(answerKeyOf({ ...persisted, query: '{ figures(dataset: "d") { values } }' })).toBe(key);
    expect(answerKeyOf({ query: '{ figures(dataset: "d") { values } }', variables: { filter: { geo: ['AT'] } } })).not.toBe(key);
  });

  it('reads the JSON text of GET parameters, and gives up on anything that does not parse', () => {
    const parameters = getRequestParameters({
      query: '{ figures(dataset: "d") { values } }',
      variables: '{"filter":{"geo":["AT"]}}',
      extensions: `{"persistedQuery":{"version":1,"sha256Hash":"${hash}"}}`,
    });
    expect(parameters).toEqual({
      query: '{ figures(dataset: "d") { values } }',
      variables: { filter: { geo: ['AT'] } },
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(answerKeyOf(parameters)).toBe(
      answerKeyOf({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { filter: { geo: ['AT'] } } }),
    );
    expect(getRequestParameters({ query: '{ a }', variables: '{not json' })).toBeUndefined();
    expect(getRequestParameters({ query: ['{ a }', '{ b }'] })).toBeUndefined();
  });
});

describe('isCacheableOperation', () => {
  it('takes queries of released figures only', () => {
    expect(isCacheableOperation(operationOf('{ figures(dataset: "d") { values } comparativeReport(dataset: "d") { periods } }'))).toBe(
      true,
    );
    expect(isCacheableOperation(operationOf('{ a: figures(dataset: "d") { values } __typename }'))).toBe(true);
    expect(isCacheableOperation(operationOf('{ previewFigures(dataset: "d", country: "AT") { values } }'))).toBe(false);
    expect(isCacheableOperation(operationOf('{ figures(dataset: "d") { values } releases { number } }'))).toBe(false);
    expect(isCacheableOperation(operationOf('{ ... on Query { figures(dataset: "d") { values } } }'))).toBe(false);
    expect(isCacheableOperation(operationOf('mutation { figures }'))).toBe(false);
  });
});
