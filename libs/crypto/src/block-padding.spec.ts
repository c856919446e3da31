import { describe, expect, it } from '@jest/globals';
import { padToBlock, unpadFromBlock } from './block-padding.js';
import { sodium } from './sodium.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('padToBlock', () => {
  it('produces exactly what libsodium sodium_pad produces', () => {
    for (const blockBytes of [1, 16, 64]) {
      for (let length = 0; length <= 200; length += 1) {
        const data = sodium.randombytes_buf(length);
        // Trailing 0x80 and zero bytes in the data are the tricky case for unpadding.
        if (length > 1) {
          data[length - 1] = length % 2 === 0 ? 0x80 : 0x00;
        }
        const padded = padToBlock(data, blockBytes);
        expect(hex(padded)).toBe(hex(sodium.pad(data, blockBytes)));
        expect(hex(unpadFromBlock(padded, blockBytes) ?? new Uint8Array([0xde, 0xad]))).toBe(hex(data));
      }
    }
  });

  it('always adds at least one byte', () => {
    expect(padToBlock(new Uint8Array(64), 64)).toHaveLength(128);
    expect(padToBlock(new Uint8Array(63), 64)).toHaveLength(64);
    expect(padToBlock(new Uint8Array(0), 64)).toHaveLength(64);
  });
});

describe('unpadFromBlock', () => {
  it.each([
    ['empty input', new Uint8Array(0)],
    ['a length that is not a whole block', new Uint8Array(63).fill(0x80)],
    ['no marker', new Uint8Array(64)],
    ['a wrong marker', Uint8Array.from({ length: 64 }, (_, index) => (index === 10 ? 0x81 : 0))],
    ['padding longer than a block', Uint8Array.from({ length: 128 }, (_, index) => (index === 10 ? 0x80 : 0))],
  ])('refuses %s', (_label, padded) => {
    expect(unpadFromBlock(padded, 64)).toBeUndefined();
  });
});
