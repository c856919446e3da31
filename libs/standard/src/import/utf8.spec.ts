import { describe, expect, it } from '@jest/globals';
import { firstInvalidUtf8Offset } from './utf8.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('UTF-8 validation', () => {
  it('accepts valid text of every sequence length', () => {
    expect(firstInvalidUtf8Offset(new TextEncoder().encode('a é € 𝄞 Ελλάδα'), true)).toBe(-1);
  });

  it('finds the first invalid sequence', () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xe9, 0x62), true)).toBe(1); // Latin-1 é
    expect(firstInvalidUtf8Offset(bytes(0x61, 0x80), true)).toBe(1); // stray continuation byte
    expect(firstInvalidUtf8Offset(bytes(0xc0, 0xaf), true)).toBe(0); // overlong
    expect(firstInvalidUtf8Offset(bytes(0xed, 0xa0, 0x80), true)).toBe(0); // surrogate
    expect(firstInvalidUtf8Offset(bytes(0xf4, 0x90, 0x80, 0x80), true)).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xe2, 0x82, 0x41), true)).toBe(1); // cut short by ASCII
  });

  it('treats a character cut by the end as invalid only at the very end', () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xe2, 0x82), false)).toBe(-1);
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xe2, 0x82), true)).toBe(1);
  });
});
