/** The part of a Node response stream the writer needs (an Express Response is one). */
export interface ChunkSink {
  readonly destroyed: boolean;
  write(chunk: string | Buffer): boolean;
  end(): void;
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

const TEXT_CHUNK = 64 * 1024;

/** A long text as chunks of about 64 KiB, so a large JSON document is written with backpressure like CSV is. */
export function* textChunks(text: string, size = TEXT_CHUNK): Generator<string, void, undefined> {
  for (let from = 0; from < text.length; from += size) yield text.slice(from, from + size);
}

/**
 * Writes chunks as the client reads them: when the socket's buffer is full (`write` returns false) the next chunk
 * waits for `drain`, so a slow client holds one chunk of the output in memory, not all of it. Stops quietly when the
 * client goes away.
 */
export async function writeChunks(sink: ChunkSink, chunks: Iterable<string | Buffer>): Promise<void> {
  for (const chunk of chunks) {
    if (sink.destroyed) return;
    if (!sink.write(chunk)) {
      const open = await drained(sink);
      if (!open) return;
    }
  }
  sink.end();
}

/** Resolves true on `drain`, false if the stream closes or fails first. */
function drained(sink: ChunkSink): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (open: boolean) => () => {
      sink.off('drain', onDrain);
      sink.off('close', onClose);
      sink.off('error', onClose);
      resolve(open);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    sink.once('drain', onDrain);
    sink.once('close', onClose);
    sink.once('error', onClose);
  });
}
