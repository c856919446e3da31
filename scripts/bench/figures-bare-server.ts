/**
 * The figures benchmark's baseline: a bare Apollo Server (no Nest, no authentication, no database) with the hub's own
 * schema, whose `figures` resolver answers a constant: the hub's answer to the benchmark's query, read from a file.
 * So both servers send the same bytes and the difference is everything the hub does besides GraphQL and HTTP.
 * Started by figures.bench.js as a child process; prints `{"listening":"<url>"}` once it listens on 127.0.0.1.
 *   node dist/scripts/bench/figures-bare-server.js <answer.json> <schema.graphql>
 */
import { readFile } from 'node:fs/promises';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

async function main(): Promise<void> {
  const [answerFile, schemaFile] = process.argv.slice(2);
  if (!answerFile || !schemaFile) throw new Error('usage: figures-bare-server <answer.json> <schema.graphql>');
  const answer = JSON.parse(await readFile(answerFile, 'utf8')) as { figures: unknown };
  const server = new ApolloServer({
    typeDefs: await readFile(schemaFile, 'utf8'),
    resolvers: { Query: { figures: () => answer.figures } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.stdout.write(`${JSON.stringify({ listening: url })}\n`);
  const stop = () => void server.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
