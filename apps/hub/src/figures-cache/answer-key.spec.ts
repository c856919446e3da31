import { describe, expect, it } from '@jest/globals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { answerKeyOf, isCacheableOperation } from './answer-key.js';

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
      { query, somethingElse: true },
    ]) {
      expect(answerKeyOf(body)).toBeUndefined();
    }
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
