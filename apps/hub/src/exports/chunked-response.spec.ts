import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { textChunks, writeChunks, type ChunkSink } from './chunked-response.js';

/** A response whose buffer holds `capacity` chunks; the test drains it by hand, as a slow client would. */
class SlowSink extends EventEmitter implements ChunkSink {
  destroyed = false;
  ended = false;
  readonly written: string[] = [];
  buffered = 0;

  constructor(private readonly capacity: number) {
    super();
  }

  write(chunk: string): boolean {
    this.written.push(chunk);
    this.buffered += 1;
    return this.buffered < this.capacity;
  }

  end(): void {
    this.ended = true;
  }

  drain(): void {
    this.buffered = 0;
    this.emit('drain');
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('writeChunks', () => {
  it('stops writing while the client has not drained its buffer, and finishes once it reads', async () => {
    const sink = new SlowSink(2);
    let produced = 0;
    function* chunks() {
      for (let index = 0; index < 6; index++) {
        produced += 1;
        yield `chunk ${index}\n`;
      }
    }
    const done = writeChunks(sink, chunks());
    await settle();
    expect(sink.written).toHaveLength(2);
    // The generator is not run ahead of the client: nothing is produced beyond what was written.
    expect(produced).toBe(2);
    sink.drain();
    await settle();
    expect(sink.written).toHaveLength(4);
    sink.drain();
    await settle();
    sink.drain();
    await done;
    expect(sink.written.join('')).toBe(Array.from({ length: 6 }, (_, index) => `chunk ${index}\n`).join(''));
    expect(sink.ended).toBe(true);
    expect(sink.listenerCount('drain') + sink.listenerCount('close') + sink.listenerCount('error')).toBe(0);
  });

  it('gives up quietly when the client goes away while waiting', async () => {
    const sink = new SlowSink(1);
    const done = writeChunks(sink, ['a', 'b', 'c']);
    await settle();
    sink.destroyed = true;
    sink.emit('close');
    await done;
    expect(sink.written).toEqual(['a']);
    expect(sink.ended).toBe(false);
  });

  it('cuts long text into chunks that join back to it', () => {
    const text = 'x'.repeat(150_000);
    const chunks = [...textChunks(text)];
    expect(chunks.map((chunk) => chunk.length)).toEqual([65_536, 65_536, 18_928]);
    expect(chunks.join('')).toBe(text);
  });
});
