// Development tokens: `npm run token -- --role RAPPORTEUR --country AT [--ttl 12h]`.
// Prints only the token on stdout, so `TOKEN=$(npm run -s token -- --role RESEARCHER)` works; messages go to stderr.
import { DEFAULT_DEV_ISSUER_DIR, DEV_TOKEN_USAGE, DevIssuer, parseDevTokenArguments } from '#app/auth';

async function main(): Promise<number> {
  let command;
  try {
    command = parseDevTokenArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${DEV_TOKEN_USAGE}\n`);
    return 2;
  }
  if (command.kind === 'HELP') {
    process.stdout.write(`${DEV_TOKEN_USAGE}\n`);
    return 0;
  }
  const issuer = await DevIssuer.loadOrCreate(process.env['DEV_ISSUER_DIR'] || DEFAULT_DEV_ISSUER_DIR);
  try {
    process.stdout.write(`${await issuer.issue(command.request)}\n`);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  return 0;
}

process.exitCode = await main();
