import { CELL_KEY_MODULUS } from '#app/disclosure';

/** One aggregated cell of a country and time as a release computes it (the time and geo are the row's). */
export interface AggregateCell {
  readonly codes: readonly string[];
  readonly count: number;
  readonly cellKey: bigint;
}

// Codes never contain these (code lists are letters, digits, '_' and '-').
const CODE_SEPARATOR = '|';
const FIELD_SEPARATOR = '\t';
const CELL_SEPARATOR = '\n';

/** A country and time's aggregate as one compact text: one line per cell, `codes<TAB>count<TAB>cellKey`. */
export function encodeAggregate(cells: readonly AggregateCell[]): string {
  return cells
    .map((cell) => `${cell.codes.join(CODE_SEPARATOR)}${FIELD_SEPARATOR}${cell.count}${FIELD_SEPARATOR}${cell.cellKey}`)
    .join(CELL_SEPARATOR);
}

export function decodeAggregate(text: string): AggregateCell[] {
  if (text === '') return [];
  return text.split(CELL_SEPARATOR).map((line) => {
    const [codes, count, key] = line.split(FIELD_SEPARATOR);
    const cellKey = BigInt(key ?? '');
    const n = Number(count);
    if (codes === undefined || !Number.isSafeInteger(n) || n < 0 || cellKey < 0n || cellKey >= CELL_KEY_MODULUS) {
      throw new Error('A stored published aggregate is corrupt');
    }
    return { codes: codes.split(CODE_SEPARATOR), count: n, cellKey };
  });
}
