import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { domainErrorExtensionsOf } from '#app/auth';
import { DomainException } from '#app/common';
import {
  DATABASE_UNAVAILABLE_CODE,
  DATABASE_UNAVAILABLE_MESSAGE,
  DATABASE_UNAVAILABLE_RETRY_SECONDS,
  isDatabaseUnavailable,
} from './database-unavailable.js';
import { redactInputValues, variablePathOf } from './redact-input-values.js';
import { scalarInputExceptionOf } from './scalars/scalar-input-error.js';

/** Codes that graphql-js and Apollo produce for bad requests; their messages are safe to return as they are. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_WIDE',
  'LIST_TOO_LONG',
]);

const codeByHttpStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

export type UnexpectedErrorReporter = (error: unknown) => void;

/**
 * The one place where errors become GraphQL errors: domain exceptions keep their stable code, field paths and
 * details; request errors keep graphql-js's message; anything else becomes a generic internal error, so no stack
 * trace, SQL text, file path or record value ever reaches a client.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  reportUnexpected: UnexpectedErrorReporter,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const location = { locations: formatted.locations, path: formatted.path };
  // A scalar's refusal arrives wrapped (and recoded) by graphql-js and Apollo; its code and the variable path count.
  const scalarRefusal = original instanceof DomainException ? undefined : scalarInputExceptionOf(error);
  if (scalarRefusal) {
    const fields = error instanceof Error ? variablePathOf(error.message) : [];
    return { message: scalarRefusal.message, ...location, extensions: { code: scalarRefusal.code, fields } };
  }
  // Query-limit refusals arrive relabelled by Apollo as validation failures; their own code is the contract.
  const limitExtensions = original instanceof DomainException ? undefined : domainErrorExtensionsOf(error);
  if (limitExtensions) return { message: formatted.message, ...location, extensions: limitExtensions };
  if (original instanceof DomainException) {
    return {
      message: original.message,
      ...location,
      extensions: { code: original.code, fields: original.fields, ...original.details },
    };
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    return { message: original.message, ...location, extensions: { code: codeByHttpStatus[status] ?? 'BAD_REQUEST' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && requestErrorCodes.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    const fields = code === 'BAD_USER_INPUT' ? variablePathOf(formatted.message) : [];
    return {
      message: redactInputValues(formatted.message),
      ...location,
      extensions: { ...extensions, code, ...(fields.length > 0 ? { fields } : {}) },
    };
  }
  if (original instanceof GraphQLError && !original.originalError && formatted.extensions?.code === undefined) {
    // Validation raised by graphql-js itself without a code (for example variable coercion).
    return { message: redactInputValues(formatted.message), ...location, extensions: { code: 'BAD_USER_INPUT' } };
  }
  reportUnexpected(original);
  if (isDatabaseUnavailable(original)) {
    return {
      message: DATABASE_UNAVAILABLE_MESSAGE,
      ...location,
      extensions: { code: DATABASE_UNAVAILABLE_CODE, retryAfterSeconds: DATABASE_UNAVAILABLE_RETRY_SECONDS },
    };
  }
  return { message: 'Internal server error', ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
