import { describe, expect, it } from '@jest/globals';
import { RequestInputException } from './request-input.exception.js';
import { findBadText, TextInputPipe } from './text-input.pipe.js';

describe('findBadText', () => {
  it('accepts ordinary text: accents, emoji (surrogate pairs), tabs and line breaks', () => {
    expect(findBadText({ note: 'Zürich 😀\tline\nnext', list: ['ΑΘΗΝΑ', { deep: ['ok'] }] })).toBeUndefined();
  });

  it('finds a NUL character or an unpaired surrogate, with its path', () => {
    expect(findBadText({ input: { footnote: 'a\u0000b' } })).toEqual({ path: ['input', 'footnote'], problem: 'NUL' });
    expect(findBadText(['ok', { kid: 'x\uD800' }])).toEqual({ path: [1, 'kid'], problem: 'UNPAIRED_SURROGATE' });
    expect(findBadText('\uDC00x')).toEqual({ path: [], problem: 'UNPAIRED_SURROGATE' });
  });

  it('walks deep values in linear time', () => {
    let value: unknown = 'a\u0000';
    for (let level = 0; level < 100_000; level += 1) value = [value];
    expect(findBadText(value)?.path).toHaveLength(100_000);
  });
});

describe('TextInputPipe', () => {
  const pipe = new TextInputPipe();

  it('refuses bad text in an argument with INVALID_CHARACTER, naming the field but not the value', () => {
    let refused: unknown;
    try {
      pipe.transform({ footnote: 'Secret\u0000Name' }, { type: 'body', data: 'input' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RequestInputException);
    expect(refused).toMatchObject({ code: 'INVALID_CHARACTER', fields: ['input.footnote'], httpStatus: 400 });
    expect((refused as Error).message).not.toContain('Secret');
  });

  it('passes good arguments through unchanged and leaves values that are not input alone', () => {
    const input = { nodeId: 'node-at', countries: ['AT'] };
    expect(pipe.transform(input, { type: 'body', data: 'input' })).toBe(input);
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });
});
