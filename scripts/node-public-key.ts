// Prints a national node's public signing key (JWK with kid) as JSON alone on stdout, for registration at the hub.
// Run: node dist/scripts/node-public-key.js [--key-dir <dir>]
import { nodePublicKey, parseNodePublicKeyArguments, UsageError } from '#app/crypto';

try {
  const request = parseNodePublicKeyArguments(process.argv.slice(2), process.env);
  const { publicJwk, created } = await nodePublicKey(request);
  if (created) {
    process.stderr.write(`Created a new master secret in ${request.keyDir}.\n`);
  }
  process.stdout.write(`${JSON.stringify(publicJwk)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
