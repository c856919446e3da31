import { createReadStream } from 'node:fs';
import { type Options, parse } from 'csv-parse';
import { ImportFatalCode, type FatalProblem } from './import-problem.js';
import { firstInvalidUtf8Offset } from './utf8.js';

/** A file path, or a stream of bytes such as a Readable (strings are taken as already-decoded text). */
export type CsvSource = string | URL | AsyncIterable<Uint8Array | string>;

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvReadOptions {
  readonly delimiter: CsvDelimiter;
  /** Longest record accepted, in characters; a longer one stops the import before it can exhaust memory. */
  readonly maxRecordSize: number;
}

export interface CsvRecord {
  /** Line of the file where the record starts (1 = first line). */
  readonly line: number;
  readonly fields: readonly string[];
}

/** A problem that ends reading; the importer turns it into its report. */
export class CsvReadError extends Error {
  constructor(readonly problem: FatalProblem) {
    super(problem.message);
    this.name = 'CsvReadError';
  }
}

const newline = 0x0a;

/**
 * Streams the records of a CSV source (the header is the first), holding one 64 KiB chunk and its records at a time.
 * Bytes are decoded with a fatal UTF-8 decoder; the first invalid byte is reported with its offset and line.
 */
export async function* readCsvRecords(source: CsvSource, options: CsvReadOptions): AsyncGenerator<CsvRecord, void, undefined> {
  const parserOptions: Options & { readonly readableHighWaterMark: number } = {
    delimiter: options.delimiter,
    max_record_size: options.maxRecordSize,
    relax_column_count: true,
    // Empty lines come through as records so that line numbers can be counted without csv-parse's per-record info
    // objects, which cost more than the parsing itself; they are dropped below.
    skip_empty_lines: false,
    // Records of a chunk are taken out right after it is written: a high mark keeps the write synchronous.
    readableHighWaterMark: 1 << 30,
  };
  const parser = parse(parserOptions);
  // Errors are read from parser.errored right after each synchronous write; this listener only keeps Node from
  // treating the error event as unhandled.
  parser.on('error', () => undefined);
  let nextLine = 1;
  function* parsed(): Generator<CsvRecord> {
    for (let fields = parser.read() as string[] | null; fields !== null; fields = parser.read() as string[] | null) {
      const line = nextLine;
      nextLine += 1 + fields.reduce((sum, field) => sum + countLineBreaks(field), 0);
      if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
      yield { line, fields };
    }
  }

  for await (const text of decodedText(source)) {
    parser.write(text);
    // Records completed before a failure are still handed out, so the report counts every row up to it.
    yield* parsed();
    throwIfParserFailed(parser.errored, options);
  }
  await new Promise<void>((resolve) => parser.end(() => resolve()));
  yield* parsed();
  throwIfParserFailed(parser.errored, options);
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

function throwIfParserFailed(error: Error | null, options: CsvReadOptions): void {
  if (error === null) return;
  const details = error as Error & { code?: string; lines?: number };
  const line = typeof details.lines === 'number' ? details.lines : undefined;
  const at = line === undefined ? '' : ` at line ${line}`;
  if (details.code === 'CSV_MAX_RECORD_SIZE') {
    throw new CsvReadError({
      code: ImportFatalCode.RECORD_TOO_LONG,
      message: `a record is longer than ${options.maxRecordSize} characters${at}: a line break is missing or a quote is not closed`,
      ...(line === undefined ? {} : { line }),
    });
  }
  throw new CsvReadError({
    code: ImportFatalCode.MALFORMED_CSV,
    message: `the file is not valid CSV${at} (${details.code ?? 'parse error'}): check quotes`,
    ...(line === undefined ? {} : { line }),
  });
}

async function* decodedText(source: CsvSource): AsyncGenerator<string, void, undefined> {
  const chunks: AsyncIterable<Uint8Array | string> =
    typeof source === 'string' || source instanceof URL ? createReadStream(source, { highWaterMark: 1 << 16 }) : source;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytesBefore = 0;
  let linesBefore = 0;
  // Bytes of a character cut by a chunk boundary, kept to locate an error that starts in the previous chunk.
  let carried: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') {
        yield chunk;
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw invalidUtf8(carried, chunk, bytesBefore, linesBefore, false);
      }
      carried = incompleteTail(chunk);
      bytesBefore += chunk.length;
      linesBefore += countByte(chunk, newline);
      if (text.length > 0) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw invalidUtf8(carried, new Uint8Array(0), bytesBefore, linesBefore, true);
    }
    if (rest.length > 0) yield rest;
  } catch (error) {
    if (error instanceof CsvReadError) throw error;
    throw new CsvReadError({ code: ImportFatalCode.READ_FAILED, message: `the source could not be read (${errorCode(error)})` });
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
}

function invalidUtf8(carried: Uint8Array, chunk: Uint8Array, bytesBefore: number, linesBefore: number, final: boolean): CsvReadError {
  const joined = new Uint8Array(carried.length + chunk.length);
  joined.set(carried, 0);
  joined.set(chunk, carried.length);
  const found = firstInvalidUtf8Offset(joined, final);
  const offsetInChunk = (found < 0 ? 0 : found) - carried.length;
  const byteOffset = bytesBefore + offsetInChunk;
  const line = linesBefore + (offsetInChunk > 0 ? countByte(chunk.subarray(0, offsetInChunk), newline) : 0) + 1;
  return new CsvReadError({
    code: ImportFatalCode.INVALID_UTF8,
    message: `the file is not UTF-8: invalid byte sequence at byte ${byteOffset} (line ${line}); save it as UTF-8`,
    line,
    byteOffset,
  });
}

/** The trailing bytes of an incomplete UTF-8 character at the end of a chunk (at most 3). */
function incompleteTail(chunk: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, chunk.length); back += 1) {
    const byte = chunk[chunk.length - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? chunk.slice(chunk.length - back) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

function countByte(bytes: Uint8Array, value: number): number {
  let count = 0;
  for (let index = bytes.indexOf(value); index >= 0; index = bytes.indexOf(value, index + 1)) count += 1;
  return count;
}
