import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from './graphql-errors.js';

/** Formats an error thrown by a resolver at `releases`, collecting what is reported as unexpected. */
function formatThrown(thrown: Error): { formatted: ReturnType<typeof formatGraphQLError>; reported: unknown[] } {
  const error = new GraphQLError(thrown.message, { path: ['releases'], originalError: thrown });
  const reported: unknown[] = [];
  const formatted = formatGraphQLError({ message: thrown.message, path: ['releases'] }, error, (unexpected) => reported.push(unexpected));
  return { formatted, reported };
}

describe('formatGraphQLError', () => {
  it('answers a lost database as SERVICE_UNAVAILABLE with a retry hint, and still reports it', () => {
    const { formatted, reported } = formatThrown(new Error('Connection terminated unexpectedly'));
    expect(formatted).toEqual({
      message: 'The database is unavailable; retry later',
      locations: undefined,
      path: ['releases'],
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
    });
    expect(reported).toHaveLength(1);
  });

  it('hides anything else behind INTERNAL_SERVER_ERROR, message included', () => {
    const { formatted } = formatThrown(new Error('relation "hub_record" does not exist at /work/main/x.ts'));
    expect(formatted).toEqual({
      message: 'Internal server error',
      locations: undefined,
      path: ['releases'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
