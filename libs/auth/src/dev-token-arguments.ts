import { parseArgs } from 'node:util';
import type { DevTokenRequest } from './dev-issuer.js';
import { ALL_ROLES, isRole, type Role } from './role.js';

export const DEV_TOKEN_USAGE = `Usage: npm run token -- --role <ROLE> [--role <ROLE>...] [--country XX...] [--ttl 12h] [--sub <subject>]

Prints a development token (EdDSA, issuer thb-observatory-dev) on stdout. Roles: ${ALL_ROLES.join(', ')}.
RAPPORTEUR and STEWARD need --country (Eurostat spelling: EL for Greece, UK for the United Kingdom).
Lists may also be comma-separated: --role RESEARCHER,INTERNATIONAL_BODY --country AT,EL.
The key pair lives in DEV_ISSUER_DIR (default .data/dev-issuer/) and is created on first use.`;

export type DevTokenCommand = { readonly kind: 'HELP' } | { readonly kind: 'ISSUE'; readonly request: DevTokenRequest };

/** Parses the CLI arguments of scripts/issue-token.ts; throws an Error with a message fit for stderr. */
export function parseDevTokenArguments(argv: readonly string[]): DevTokenCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      role: { type: 'string', multiple: true },
      country: { type: 'string', multiple: true },
      ttl: { type: 'string' },
      sub: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return { kind: 'HELP' };
  const roles = splitList(values.role).map((role) => role.toUpperCase());
  if (roles.length === 0) throw new Error('--role is required');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`unknown role ${unknown.join(', ')}; roles are ${ALL_ROLES.join(', ')}`);
  return {
    kind: 'ISSUE',
    request: {
      roles: roles as Role[],
      countries: splitList(values.country).map((country) => country.toUpperCase()),
      ...(values.ttl === undefined ? {} : { ttl: values.ttl }),
      ...(values.sub === undefined ? {} : { subject: values.sub }),
    },
  };
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
