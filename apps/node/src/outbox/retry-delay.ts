import type { OutboxTiming } from '../config/node.config.js';

/**
 * Delay before the next attempt after `failedAttempts` failures (1 = the first attempt failed): exponential from the
 * base delay, capped, with "equal jitter" (half fixed, half random) so that many nodes coming back after a hub outage
 * do not retry in lock-step, while a retry never comes sooner than half the nominal delay.
 */
export function retryDelayMs(
  failedAttempts: number,
  timing: Pick<OutboxTiming, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failedAttempts, 1) - 1, 40);
  const nominal = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * jitter);
}

/** A hub that refuses connections is probed at most every `unreachableMaxDelayMs` (with jitter); other failures back off fully. */
export function retryTimingOf(code: string, timing: OutboxTiming): Pick<OutboxTiming, 'baseDelayMs' | 'maxDelayMs'> {
  if (code !== 'HUB_UNREACHABLE') return timing;
  return { baseDelayMs: Math.min(timing.baseDelayMs, timing.unreachableMaxDelayMs), maxDelayMs: timing.unreachableMaxDelayMs };
}
