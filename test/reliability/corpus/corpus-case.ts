import type { SigningNode } from '../support/signing-node.js';

/**
 * Where a case is aimed: the hub's GraphQL API, its intake of signed messages, its plain HTTP endpoints (exports,
 * report pages), or the node's CSV import.
 */
export type CorpusTarget = 'hub-graphql' | 'hub-intake' | 'hub-http' | 'node-csv';

/** One HTTP request to the hub, byte for byte: a POST to `/graphql` unless `method` and `path` say otherwise. */
export interface HubRequest {
  readonly method?: 'GET' | 'POST';
  /** Path and query string, e.g. `/exports/victims_sex_age?format=csv`. */
  readonly path?: string;
  readonly body?: string | Uint8Array;
  /** Merged over `content-type: application/json`; a `content-type` here replaces it. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Tokens and signed material the cases are built from; the spec creates it once against a running hub. */
export interface HubKit {
  readonly tokens: {
    readonly admin: string;
    readonly researcher: string;
    readonly rapporteur: string;
    /** Separate subject, so flooding it never rate-limits the other cases. */
    readonly flooder: string;
  };
  /** Signs a JWT with the development issuer's real key, claims and header as given (exp, nbf, iat, iss, aud...). */
  issuerToken(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
  /** The development issuer's public JWK: what an attacker knows. */
  readonly issuerPublicJwk: { readonly x: string; readonly kid?: string } & Record<string, unknown>;
  /** Registered for AT; has an accepted return (2025-Q1, revision 2) and an accepted revocation. */
  readonly austria: SigningNode;
  /** Registered for DE. */
  readonly germany: SigningNode;
  /** Never registered. */
  readonly stranger: SigningNode;
  /** Registered for FR, then retired. */
  readonly retired: SigningNode;
  /** The accepted return of Austria and its JWS. */
  readonly acceptedReturn: { readonly jws: string; readonly returnId: string };
  /** The accepted revocation of Austria and its JWS. */
  readonly acceptedNotice: { readonly jws: string; readonly noticeId: string };
  /** A receipt the hub signed (a valid JWS of another type). */
  readonly hubReceipt: string;
  /** MAX_MESSAGE_BYTES of the hub under test. */
  readonly maxMessageBytes: number;
}

export interface HubCase {
  readonly name: string;
  readonly target: 'hub-graphql' | 'hub-intake' | 'hub-http';
  readonly request: (kit: HubKit) => HubRequest | Promise<HubRequest>;
  /** The stable code expected (`extensions.code` or `error.code`), or DUPLICATE for an answered replay. */
  readonly expect: string;
  /** The operation's result field, which must be null beside the error. */
  readonly field?: string;
  /** Input values (injections, canaries) that must appear in no answer and no log line. */
  readonly mustNotEcho?: readonly string[];
}

/** A file for the node's import, refused as a whole (strict mode: one rejected row refuses the file). */
export interface CsvCase {
  readonly name: string;
  readonly target: 'node-csv';
  readonly file: Uint8Array;
  readonly format?: 'template' | 'ctdc';
  readonly delimiter?: ',' | ';' | '\t';
  /** `FILE_REJECTED/<fatal code>` or `ROWS_REJECTED/<first problem code>`. */
  readonly expect: string;
  readonly mustNotEcho?: readonly string[];
  /** Also run through the real `node-import` command (slower: a process per case). */
  readonly viaCommand?: boolean;
}

/** A POST to `/graphql`, whose body is always there. */
export type GraphQLPost = HubRequest & { readonly body: string };

/** A GraphQL request as a JSON body, with a bearer token when given. */
export function graphqlRequest(query: string, variables?: Record<string, unknown>, token?: string): GraphQLPost {
  return {
    body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  };
}

export const SUBMIT_RETURN = 'mutation Submit($jws: String!) { submitReturn(jws: $jws) { returnId status receipt } }';
export const SUBMIT_REVOCATION = 'mutation Revoke($jws: String!) { submitRevocation(jws: $jws) { noticeId status erased receipt } }';

/** A signed return posted the way a node posts it. */
export function returnRequest(jws: unknown): GraphQLPost {
  return graphqlRequest(SUBMIT_RETURN, { jws });
}

export function revocationRequest(jws: unknown): GraphQLPost {
  return graphqlRequest(SUBMIT_REVOCATION, { jws });
}

/** Strings that break naive SQL, HTML, shell, path, template, format and log handling. */
export const INJECTIONS = {
  sql: "' OR '1'='1'; DROP TABLE hub_record; --",
  sqlComment: 'AT/**/UNION/**/SELECT/**/pseudonym/**/FROM/**/hub_record--',
  html: '<script>alert(document.cookie)</script>',
  path: '../../../../etc/passwd',
  shell: '$(cat /etc/shadow)`id`',
  template: '${process.env.HUB_MASTER_SECRET}{{7*7}}',
  format: '%s%s%s%n%x',
  logForging: 'AT\n{"level":"log","msg":"return accepted"}',
  nul: 'AT\u0000',
  loneSurrogate: 'A\uD800T',
  rightToLeft: 'A\u202eT',
  canary: 'Zyxwq Canarysson',
} as const;
