import { parsePeriod, periodStart, type QuarterlyReturn, type ValidationError } from '#app/standard';

/** Clock difference tolerated between a node and the hub (as for signatures and people's tokens). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * What the schema cannot know, because it depends on the hub's clock: a return's period must have begun (no
 * registration can lie in a quarter to come, and a release would otherwise publish it) and it cannot have been
 * generated in the future. Messages name the field, never its value.
 */
export function returnTimingProblems(submitted: Pick<QuarterlyReturn, 'period' | 'generatedAt'>, now: Date): ValidationError[] {
  const problems: ValidationError[] = [];
  const today = now.toISOString().slice(0, 10);
  if (periodStart(parsePeriod(submitted.period)) > today) {
    problems.push({ pointer: '/period', code: 'OUT_OF_RANGE', message: 'period has not begun yet at the hub' });
  }
  if (Date.parse(submitted.generatedAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
    problems.push({
      pointer: '/generatedAt',
      code: 'OUT_OF_RANGE',
      message: "generatedAt is ahead of the hub's clock; check the node's clock",
    });
  }
  return problems;
}
