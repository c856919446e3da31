// Sources for import tests: text as a byte stream, and a lazily generated huge line that is never held in memory.
import { Readable } from 'node:stream';

export function bytesOf(text: string | Uint8Array, chunkSize = 1 << 16): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) chunks.push(bytes.subarray(offset, offset + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

export interface LazySource {
  readonly stream: Readable;
  /** Bytes handed to the importer so far. */
  pulled(): number;
}

/** A header, then one line of `totalBytes` bytes without a line break, generated 1 MiB at a time on demand. */
export function hugeLineSource(header: string, totalBytes: number): LazySource {
  const block = Buffer.alloc(1 << 20, 'x');
  let pulled = 0;
  function* generate(): Generator<Buffer> {
    const head = Buffer.from(header, 'utf8');
    pulled += head.length;
    yield head;
    for (let sent = 0; sent < totalBytes; sent += block.length) {
      pulled += block.length;
      yield block;
    }
  }
  return { stream: Readable.from(generate(), { objectMode: false }), pulled: () => pulled };
}
