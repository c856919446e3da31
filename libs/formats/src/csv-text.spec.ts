import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { chunkLines, csvLine, defuseFormula, quoteCsvField } from './csv-text.js';

describe('quoteCsvField (RFC 4180)', () => {
  it('leaves plain fields alone, spaces included', () => {
    expect(quoteCsvField('Austria')).toBe('Austria');
    expect(quoteCsvField(' padded ')).toBe(' padded ');
    expect(quoteCsvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks and doubles inner quotes', () => {
    expect(quoteCsvField('Korea, Republic of')).toBe('"Korea, Republic of"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(quoteCsvField('"')).toBe('""""');
  });

  it('writes records that a standard CSV parser reads back field for field', () => {
    const fields = ['a,b', '"quoted"', 'multi\r\nline', '', ' x ', "Lao People's Democratic Republic", '; ;'];
    const text = csvLine(fields) + csvLine(['1', '2', '3', '4', '5', '6', '7']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text)).toEqual([fields, ['1', '2', '3', '4', '5', '6', '7']]);
  });
});

describe('defuseFormula', () => {
  it('prefixes text a spreadsheet would evaluate', () => {
    expect(defuseFormula('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(defuseFormula('+Female')).toBe("'+Female");
    expect(defuseFormula('-Male')).toBe("'-Male");
    expect(defuseFormula('@confidential')).toBe("'@confidential");
    expect(defuseFormula('\tcmd')).toBe("'\tcmd");
    expect(defuseFormula('\rcmd')).toBe("'\rcmd");
  });

  it('leaves other text alone, including a formula character further in', () => {
    expect(defuseFormula('Austria')).toBe('Austria');
    expect(defuseFormula('Y0-11')).toBe('Y0-11');
    expect(defuseFormula('a=b')).toBe('a=b');
    expect(defuseFormula('')).toBe('');
  });
});

describe('chunkLines', () => {
  it('groups lines into chunks without losing or reordering any', () => {
    const lines = Array.from({ length: 100 }, (_, index) => `line ${index}\r\n`);
    const chunks = [...chunkLines(lines, 50)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(lines.join(''));
    for (const chunk of chunks) expect(chunk.endsWith('\r\n')).toBe(true);
  });

  it('yields nothing for no lines and one chunk for short input', () => {
    expect([...chunkLines([])]).toEqual([]);
    expect([...chunkLines(['a\r\n', 'b\r\n'])]).toEqual(['a\r\nb\r\n']);
  });
});
