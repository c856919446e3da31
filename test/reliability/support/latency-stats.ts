/** Latencies of one kind of request under load, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of the samples; `seconds` is the measured period (for the rate). */
export function summariseLatencies(samples: readonly number[], errors: number, seconds: number): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (share: number) =>
    sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number);
  return {
    count: samples.length,
    errors,
    perSecond: Math.round((samples.length / seconds) * 10) / 10,
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
    max: Math.round(sorted.at(-1) ?? 0),
  };
}
