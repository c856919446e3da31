import { GraphQLScalarType, Kind } from 'graphql';
import { formatPeriod, type Period, tryParsePeriod } from '#app/standard';
import { ScalarInputErrorCode, ScalarInputException } from './scalar-input.exception.js';

const periodMessage = 'A period is written YYYY-Qn (a quarter) or YYYY (a year).';

function parsedPeriod(value: unknown): Period {
  const period = typeof value === 'string' ? tryParsePeriod(value) : undefined;
  if (period === undefined) throw new ScalarInputException(ScalarInputErrorCode.INVALID_PERIOD, periodMessage);
  return period;
}

/**
 * A reporting period, `2026-Q3` or `2026`. Arguments arrive parsed (resolvers receive a `Period`, never text to
 * check again); answers accept a `Period` or its text and always write the canonical form.
 */
export const PeriodScalar = new GraphQLScalarType<Period, string>({
  name: 'Period',
  description: 'A reporting period: a quarter written YYYY-Qn (2026-Q3) or a year written YYYY (2026).',
  serialize: (value) =>
    formatPeriod(typeof value === 'object' && value !== null && 'kind' in value ? (value as Period) : parsedPeriod(value)),
  parseValue: parsedPeriod,
  parseLiteral: (node) => parsedPeriod(node.kind === Kind.STRING ? node.value : undefined),
});
