import { join } from 'node:path';
import type { LogLevel } from '@nestjs/common';
import { resolveAuthConfig, type QueryLimits, type ResolvedAuthConfig } from '#app/auth';
import { ConfigReader, ConfigurationError } from '#app/platform';

const logLevels = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;

export const disclosureMethods = ['CELL_KEY', 'SUPPRESSION', 'NONE'] as const;
/** NONE publishes original counts: only for tests of the release machinery, never by accident. */
export type DisclosureMethod = (typeof disclosureMethods)[number];

/** Parameters of the cell key method's perturbation table; kept secret, as statistical offices advise. */
export interface PerturbationSettings {
  /** Largest absolute noise. */
  readonly maxDeviation: number;
  /** Variance of the noise. */
  readonly variance: number;
  /** No published value in 1..js. */
  readonly smallValueGap: number;
}

export interface DisclosureSettings {
  readonly method: DisclosureMethod;
  /** Suppression: cells with 0 < n < k are confidential. Cell key: published values in 1..k-1 are flagged `u`. */
  readonly threshold: number;
  /**
   * Suppression: also run the library's exact auditor and widen the pattern until no cell is pinned. On by default:
   * the secondary rules alone left 86 of 870 suppressed cells recomputable in a catalogue-sized benchmark slice. It
   * costs minutes per period on large catalogues; `false` is for operators who accept that risk knowingly.
   */
  readonly auditSuppression: boolean;
  readonly perturbation: PerturbationSettings;
}

export interface ReleaseSettings {
  readonly disclosure: DisclosureSettings;
  /** How many of the latest quarters, counting the quarter of publication, are still open for revision (flag `p`). */
  readonly provisionalQuarters: number;
  /**
   * A published country and time is revised only once at least this many persons' records have changed in it
   * (revocations, corrections, late registrations); fewer are held for a later release, so that two releases never
   * differ by one person (docs/DISCLOSURE-CONTROL.md, "Revisions"). Method NONE applies every change at once.
   */
  readonly revisionMinChanges: number;
}

/** The settings of a hub, as `fromEnv` reads them (or a test gives them). */
export interface HubSettings {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly logLevel: LogLevel;
  /** Folder of the hub's master secret (`master.key`), unless `masterSecret` is given. */
  readonly keyDir: string;
  /** The master secret as base64url from `HUB_MASTER_SECRET`; overrides the key folder. */
  readonly masterSecret: string | undefined;
  readonly auth: ResolvedAuthConfig;
  readonly release: ReleaseSettings;
  /** Upper bound on a signed return or notice (compact JWS), below the HTTP body limit. */
  readonly maxMessageBytes: number;
  /** Cost bounds on every GraphQL document, checked before any resolver runs. */
  readonly queryLimits: QueryLimits;
  /** `CHROMIUM_PATH`: the Chromium that prints reports to PDF; unset, the one of the npm package @sparticuz/chromium. */
  readonly chromiumPath: string | undefined;
  /**
   * `FIGURES_CACHE_BYTES`: memory for serialised answers of released figures (figures, comparativeReport), served
   * again without running a resolver until the next release or reference-data change; 0 turns the cache off.
   */
  readonly figuresCacheBytes: number;
  /**
   * `FIGURES_CACHE_WARM_ANSWERS`: how many of the most requested answers are computed again in the background after a
   * release or reference-data change, so that their next callers meet the cache; 0 turns the warm-up off.
   */
  readonly figuresCacheWarmAnswers: number;
}

/** Every setting of the hub, read and validated once at start; a bad value stops the start with its variable named. */
export interface HubConfig extends HubSettings {}
export class HubConfig {
  constructor(settings: HubSettings) {
    Object.assign(this, settings);
  }

  static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): HubConfig {
    const read = new ConfigReader(env);
    const dataDir = read.string('DATA_DIR', '.data/hub');
    return new HubConfig({
      port: read.integer('PORT', 3000, { min: 0, max: 65535 }),
      host: read.string('HOST', '127.0.0.1'),
      dataDir,
      databaseUrl: read.postgresUrl('DATABASE_URL'),
      logLevel: read.oneOf('LOG_LEVEL', logLevels, 'log'),
      keyDir: read.string('KEY_DIR', join(dataDir, 'keys')),
      masterSecret: read.optionalString('HUB_MASTER_SECRET'),
      auth: readAuth(env),
      release: {
        disclosure: readDisclosure(read, env),
        provisionalQuarters: read.integer('PROVISIONAL_QUARTERS', 2, { min: 0, max: 40 }),
        revisionMinChanges: read.integer('DISCLOSURE_REVISION_MIN_CHANGES', 5, { min: 1, max: 10_000 }),
      },
      maxMessageBytes: read.integer('MAX_MESSAGE_BYTES', 60 * 1024 * 1024, { min: 1024, max: 63 * 1024 * 1024 }),
      queryLimits: {
        maxDepth: read.integer('QUERY_MAX_DEPTH', 10, { min: 2, max: 50 }),
        maxAliases: read.integer('QUERY_MAX_ALIASES', 20, { min: 0, max: 1000 }),
        maxFields: read.integer('QUERY_MAX_FIELDS', 400, { min: 10, max: 100_000 }),
        maxListArgumentLength: read.integer('QUERY_MAX_LIST_LENGTH', 500, { min: 1, max: 100_000 }),
        // The parser stops at this many tokens: without it a 60 MB document of field names is parsed whole first.
        maxTokens: read.integer('QUERY_MAX_TOKENS', 6000, { min: 100, max: 1_000_000 }),
      },
      chromiumPath: read.optionalString('CHROMIUM_PATH'),
      figuresCacheBytes: read.integer('FIGURES_CACHE_BYTES', 256 * 1024 * 1024, { min: 0, max: 64 * 1024 * 1024 * 1024 }),
      figuresCacheWarmAnswers: read.integer('FIGURES_CACHE_WARM_ANSWERS', 100, { min: 0, max: 10_000 }),
    });
  }
}

function readAuth(env: Readonly<Record<string, string | undefined>>): ResolvedAuthConfig {
  try {
    return resolveAuthConfig(env);
  } catch (error) {
    throw new ConfigurationError('AUTH_*', error instanceof Error ? error.message : 'is invalid');
  }
}

function readDisclosure(read: ConfigReader, env: Readonly<Record<string, string | undefined>>): DisclosureSettings {
  const method = read.oneOf('DISCLOSURE_METHOD', disclosureMethods, 'CELL_KEY');
  if (method === 'NONE' && env['NODE_ENV'] !== 'test' && env['ALLOW_UNPROTECTED_RELEASES'] !== 'true') {
    throw new ConfigurationError(
      'DISCLOSURE_METHOD',
      'is NONE, which publishes original counts: allowed only with NODE_ENV=test or ALLOW_UNPROTECTED_RELEASES=true',
    );
  }
  const perturbation: PerturbationSettings = {
    maxDeviation: read.integer('DISCLOSURE_PTABLE_D', 3, { min: 1, max: 20 }),
    variance: readPositiveNumber(read, 'DISCLOSURE_PTABLE_V', 2),
    smallValueGap: read.integer('DISCLOSURE_PTABLE_JS', 2, { min: 0, max: 19 }),
  };
  return {
    method,
    threshold: read.integer('DISCLOSURE_K', 5, { min: 1, max: 100 }),
    auditSuppression: read.oneOf('DISCLOSURE_SUPPRESSION_AUDIT', ['true', 'false'] as const, 'true') === 'true',
    perturbation,
  };
}

function readPositiveNumber(read: ConfigReader, name: string, fallback: number): number {
  const raw = read.optionalString(name);
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new ConfigurationError(name, `must be a positive number, got "${raw}"`);
  return Number(raw);
}
