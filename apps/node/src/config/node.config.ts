import type { LogLevel } from '@nestjs/common';
import { AuthConfigError, isEurostatCountryCode, resolveAuthConfig, type ResolvedAuthConfig } from '#app/auth';
import { ConfigReader, ConfigurationError } from '#app/platform';
import { FIRST_REPORTABLE_YEAR, formatPeriod, isReportablePeriod, type Period, tryParsePeriod, yearPeriod } from '#app/standard';

const logLevels = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;
const nodeIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const masterSecretPattern = /^[A-Za-z0-9_-]{43}$/;

type Environment = Readonly<Record<string, string | undefined>>;

/** Timing of the outbox delivery loop (milliseconds). */
export interface OutboxTiming {
  /** First retry delay; each failed attempt doubles it, up to `maxDelayMs`, with full jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Cap while the hub refuses connections (its process is down): probing a closed port costs it nothing, so queued
   * messages leave within seconds of its return instead of after a long backoff. Timeouts keep the full backoff.
   */
  readonly unreachableMaxDelayMs: number;
  /** How often the loop looks for due messages when it is idle. */
  readonly pollIntervalMs: number;
  /** Time allowed for one HTTP exchange with the hub. */
  readonly requestTimeoutMs: number;
}

/** Where the hub is and how the node recognises the hub's signature. */
export interface HubLink {
  /** Base URL; the contract's GraphQL endpoint is `<url>/graphql`. */
  readonly url: string;
  /** JWKS of the hub's receipt-signing key; without it receipts cannot be verified (refused in production). */
  readonly jwksFile: string | undefined;
}

/** The settings of a node, as `fromEnv` reads them (or a test gives them). */
export interface NodeSettings {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly logLevel: LogLevel;
  /** This node's id as registered at the hub (`node-at`). */
  readonly nodeId: string;
  /** The country this node reports for, Eurostat spelling (`AT`, `EL`). */
  readonly country: string;
  readonly hub: HubLink;
  /** Folder of the master secret (`master.key`), unless `masterSecret` is given. */
  readonly keyDir: string;
  /** The master secret as base64url, from the environment; never logged. */
  readonly masterSecret: string | undefined;
  readonly outbox: OutboxTiming;
  readonly auth: ResolvedAuthConfig;
  /** Minimum count a published cell needs before it is flagged (threshold rule of the preview). */
  readonly disclosureThreshold: number;
  /**
   * `NODE_FIRST_PERIOD`: the first period this node reports (its records start there); an earlier one is a typo,
   * refused before anything is signed. Never before the standard's floor, FIRST_REPORTABLE_YEAR.
   */
  readonly firstPeriod: Period;
  /** `CONSOLE_IMPORT_MAX_MB`: the largest file the console accepts for one import (default 200 MB). */
  readonly consoleImportMaxMegabytes: number;
  /** Console sign-in through the identity provider (`AUTH_ISSUER`), when `CONSOLE_OIDC_CLIENT_ID` is set. */
  readonly consoleOidc: ConsoleOidcSettings | undefined;
}

/** The console as a client of the identity provider: authorization code flow with PKCE. */
export interface ConsoleOidcSettings {
  /** The provider: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** A confidential client's secret, in a file (never in the environment or the repository); none for a public client. */
  readonly clientSecretFile: string | undefined;
  /** The console's address as browsers reach it (behind a proxy); otherwise taken from each request. */
  readonly publicUrl: string | undefined;
}

/** Every setting of a national node, read and validated once at start; each error names its variable. */
export interface NodeConfig extends NodeSettings {}
export class NodeConfig {
  constructor(settings: NodeSettings) {
    Object.assign(this, settings);
  }

  static fromEnv(env: Environment = process.env): NodeConfig {
    const read = new ConfigReader(env);
    const production = env['NODE_ENV'] === 'production';
    const dataDir = read.string('DATA_DIR', '.data/node');
    const baseDelayMs = read.integer('OUTBOX_BASE_DELAY_MS', 1_000, { min: 1, max: 3_600_000 });
    const maxDelayMs = read.integer('OUTBOX_MAX_DELAY_MS', 300_000, { min: 1, max: 86_400_000 });
    if (maxDelayMs < baseDelayMs) {
      throw new ConfigurationError('OUTBOX_MAX_DELAY_MS', `must be at least OUTBOX_BASE_DELAY_MS (${baseDelayMs}), got ${maxDelayMs}`);
    }
    return new NodeConfig({
      port: read.integer('PORT', 3100, { min: 0, max: 65535 }),
      host: read.string('HOST', '127.0.0.1'),
      dataDir,
      databaseUrl: read.postgresUrl('DATABASE_URL'),
      logLevel: read.oneOf('LOG_LEVEL', logLevels, 'log'),
      nodeId: readNodeId(read, production),
      country: readCountry(read, production),
      hub: { url: readHubUrl(read), jwksFile: readHubJwksFile(read, production) },
      keyDir: read.string('KEY_DIR', `${dataDir}/keys`),
      masterSecret: readMasterSecret(read),
      outbox: {
        baseDelayMs,
        maxDelayMs,
        unreachableMaxDelayMs: Math.min(maxDelayMs, read.integer('OUTBOX_UNREACHABLE_MAX_DELAY_MS', 5_000, { min: 10, max: 3_600_000 })),
        pollIntervalMs: read.integer('OUTBOX_POLL_INTERVAL_MS', 2_000, { min: 10, max: 3_600_000 }),
        requestTimeoutMs: read.integer('OUTBOX_REQUEST_TIMEOUT_MS', 15_000, { min: 100, max: 600_000 }),
      },
      auth: readAuth(env),
      disclosureThreshold: read.integer('DISCLOSURE_K', 5, { min: 1, max: 100 }),
      firstPeriod: readFirstPeriod(read),
      consoleImportMaxMegabytes: read.integer('CONSOLE_IMPORT_MAX_MB', 200, { min: 1, max: 2_048 }),
      consoleOidc: readConsoleOidc(read, env),
    });
  }
}

function readConsoleOidc(read: ConfigReader, env: Environment): ConsoleOidcSettings | undefined {
  const clientId = read.optionalString('CONSOLE_OIDC_CLIENT_ID');
  if (clientId === undefined) return undefined;
  const issuer = read.optionalString('AUTH_ISSUER');
  if (issuer === undefined || readAuth(env).mode === 'DEV_ISSUER') {
    throw new ConfigurationError(
      'CONSOLE_OIDC_CLIENT_ID',
      'needs the identity provider: set AUTH_ISSUER with AUTH_JWKS_URL or AUTH_JWKS_FILE',
    );
  }
  for (const [name, value] of [
    ['AUTH_ISSUER', issuer],
    ['CONSOLE_PUBLIC_URL', read.optionalString('CONSOLE_PUBLIC_URL')],
  ] as const) {
    if (value !== undefined && !isSafeBaseUrl(value)) {
      throw new ConfigurationError(
        name,
        'must be an https URL (http only on this machine: localhost, 127.0.0.1) without credentials, query or fragment',
      );
    }
  }
  const publicUrl = read.optionalString('CONSOLE_PUBLIC_URL');
  return {
    issuer,
    clientId,
    clientSecretFile: read.optionalString('CONSOLE_OIDC_CLIENT_SECRET_FILE'),
    publicUrl: publicUrl?.replace(/\/+$/, ''),
  };
}

/** https, or http to this machine only; no credentials, query or fragment. */
function isSafeBaseUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  return scheme && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
}

function readFirstPeriod(read: ConfigReader): Period {
  const text = read.string('NODE_FIRST_PERIOD', String(FIRST_REPORTABLE_YEAR));
  const period = tryParsePeriod(text);
  if (period === undefined) throw new ConfigurationError('NODE_FIRST_PERIOD', `must be a period YYYY or YYYY-Qn, got "${text}"`);
  if (!isReportablePeriod(period)) {
    throw new ConfigurationError(
      'NODE_FIRST_PERIOD',
      `must not be before ${formatPeriod(yearPeriod(FIRST_REPORTABLE_YEAR))}, got "${text}"`,
    );
  }
  return period;
}

/** Development defaults let `npm start` run a node with no settings; production must say who it is. */
function requiredInProduction(read: ConfigReader, name: string, fallback: string, production: boolean): string {
  return production ? read.string(name) : read.string(name, fallback);
}

function readNodeId(read: ConfigReader, production: boolean): string {
  const nodeId = requiredInProduction(read, 'NODE_ID', 'node-at', production);
  if (!nodeIdPattern.test(nodeId)) {
    throw new ConfigurationError('NODE_ID', 'must be 1-64 letters, digits, dots, underscores or hyphens, starting with a letter or digit');
  }
  return nodeId;
}

function readCountry(read: ConfigReader, production: boolean): string {
  const country = requiredInProduction(read, 'NODE_COUNTRY', 'AT', production);
  if (!isEurostatCountryCode(country)) {
    throw new ConfigurationError('NODE_COUNTRY', 'must be a two-letter upper-case country code in Eurostat spelling (EL for Greece, UK)');
  }
  return country;
}

function readHubUrl(read: ConfigReader): string {
  const raw = read.string('HUB_URL', 'http://127.0.0.1:3000');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError('HUB_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError('HUB_URL', `must be an http(s) URL, got protocol "${url.protocol}"`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigurationError('HUB_URL', 'must be a plain base URL without credentials, query or fragment');
  }
  return url.href.replace(/\/+$/, '');
}

function readHubJwksFile(read: ConfigReader, production: boolean): string | undefined {
  const file = read.optionalString('HUB_JWKS_FILE');
  if (file === undefined && production) {
    throw new ConfigurationError('HUB_JWKS_FILE', 'is required in production: without the hub key, receipts cannot be verified');
  }
  return file;
}

function readMasterSecret(read: ConfigReader): string | undefined {
  const secret = read.optionalString('NODE_MASTER_SECRET')?.trim();
  if (secret === undefined || secret === '') return undefined;
  // The value itself is never echoed: it is the node's root secret.
  if (!masterSecretPattern.test(secret)) {
    throw new ConfigurationError('NODE_MASTER_SECRET', 'must be 32 bytes as base64url without padding (43 characters)');
  }
  return secret;
}

function readAuth(env: Environment): ResolvedAuthConfig {
  try {
    return resolveAuthConfig(env);
  } catch (error) {
    if (error instanceof AuthConfigError) {
      const variable = /\b(AUTH_[A-Z_]+|DEV_ISSUER_DIR|NODE_ENV)\b/.exec(error.message)?.[1] ?? 'AUTH_JWKS_FILE';
      throw new ConfigurationError(variable, `is invalid: ${error.message}`);
    }
    throw error;
  }
}
