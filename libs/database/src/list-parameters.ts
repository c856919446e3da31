/**
 * Lists inside array parameters. PostgreSQL arrays must be rectangular, so a batched `unnest($n::text[])` cannot take
 * one list per row: each row's list travels as text joined by this separator and is split back in SQL. Only lists of
 * plain codes travel so; a code never holds the separator, and `joinedList` refuses one that does.
 */
export const LIST_SEPARATOR = ',';

/** One row's list as it travels in a text array parameter. */
export function joinedList(values: readonly string[]): string {
  if (values.some((value) => value.includes(LIST_SEPARATOR))) throw new RangeError('a list element holds the list separator');
  return values.join(LIST_SEPARATOR);
}

/** The SQL expression turning a joined list back into a text array. */
export function splitListSql(expression: string): string {
  return `string_to_array(${expression}, '${LIST_SEPARATOR}')`;
}

/** A scalar value, or a list of codes joined, as one row's element of a batched array parameter. */
export type ArrayParameterValue = string | number | boolean | null;

/** One row's value of a field in a batched array parameter: absent is null, a list of codes travels joined. */
export function arrayParameterValue(value: unknown): ArrayParameterValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return joinedList(value as string[]);
  return value as ArrayParameterValue;
}
