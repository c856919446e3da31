import { describe, expect, it } from '@jest/globals';
import { decodeAggregate, encodeAggregate } from './published-aggregate.codec.js';

describe('published aggregate codec', () => {
  it('round-trips cells, margins and 52-bit cell keys exactly, and an empty aggregate', () => {
    const cells = [
      { codes: ['TOTAL', 'F', 'Y18-24'], count: 3, cellKey: 2n ** 52n - 1n },
      { codes: ['IDENTIFIED_VICTIM', 'UNK', 'TOTAL'], count: 0, cellKey: 0n },
    ];
    expect(decodeAggregate(encodeAggregate(cells))).toEqual(cells);
    expect(decodeAggregate(encodeAggregate([]))).toEqual([]);
  });

  it('refuses a corrupt aggregate rather than publishing from it', () => {
    expect(() => decodeAggregate('TOTAL\t-1\t5')).toThrow(/corrupt/);
    expect(() => decodeAggregate(`TOTAL\t1\t${2n ** 52n}`)).toThrow(/corrupt/);
  });
});
