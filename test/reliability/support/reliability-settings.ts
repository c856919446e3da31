/**
 * How long and how hard the reliability suite runs. `npm run test:reliability` sets RELIABILITY_LONG=1 and a load of
 * 60 s; inside the normal `npm test` the suite runs short (10 s of load, fewer kills) to stay within minutes.
 */
export interface ReliabilitySettings {
  /** The long run: more kills, a longer hub outage, every CLI case, more data. */
  readonly long: boolean;
  /** Duration of the load phase, in seconds. */
  readonly loadSeconds: number;
  /** Stop the shared PostgreSQL server for a few seconds (only with DATABASE_URL and RELIABILITY_PG_OUTAGE=1). */
  readonly pgOutage: boolean;
}

export function reliabilitySettings(env: Readonly<Record<string, string | undefined>> = process.env): ReliabilitySettings {
  const long = env['RELIABILITY_LONG'] === '1';
  const requested = Number(env['RELIABILITY_LOAD_SECONDS'] ?? '');
  const loadSeconds = Number.isFinite(requested) && requested > 0 ? requested : long ? 60 : 10;
  return { long, loadSeconds, pgOutage: env['RELIABILITY_PG_OUTAGE'] === '1' && Boolean(env['DATABASE_URL']) };
}
