/**
 * The figures benchmark's physical limit: a plain `node:http` server that reads each request and writes the hub's
 * answer, byte for byte, from memory. Nothing can answer the same bytes over the same HTTP faster in Node.
 * Started by figures.bench.js as a child process; prints `{"listening":"<url>"}` once it listens on 127.0.0.1.
 *   node dist/scripts/bench/figures-plain-server.js <answer-bytes-file>
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

async function main(): Promise<void> {
  const [answerFile] = process.argv.slice(2);
  if (!answerFile) throw new Error('usage: figures-plain-server <answer-bytes-file>');
  const answer = await readFile(answerFile);
  const server = createServer((request, response) => {
    request.on('data', () => undefined);
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
      response.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${address.port}/graphql` })}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
