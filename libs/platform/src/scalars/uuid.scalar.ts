import { GraphQLScalarType, Kind } from 'graphql';
import { isUuid } from '#app/common';
import { ScalarInputErrorCode, ScalarInputException } from './scalar-input.exception.js';

function parsedUuid(value: unknown): string {
  if (!isUuid(value)) throw new ScalarInputException(ScalarInputErrorCode.INVALID_ID, 'An id is a UUID (8-4-4-4-12 hexadecimal digits).');
  return value.toLowerCase();
}

/** An id the node or hub gave out: a UUID, always answered and received in lower case. */
export const UuidScalar = new GraphQLScalarType<string, string>({
  name: 'UUID',
  description: 'An identifier: a UUID in its canonical text form (RFC 9562), case-insensitive on input.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc9562',
  serialize: parsedUuid,
  parseValue: parsedUuid,
  parseLiteral: (node) => parsedUuid(node.kind === Kind.STRING ? node.value : undefined),
});
