import { listArgument, numberArgument } from './bench-kit.js';

/**
 * The sizes a scaling benchmark runs at: `--sizes a,b,c` as given, or `--records n` for n/100, n/10 and n (three
 * sizes ten times apart, the largest being the one the target is about), or the defaults.
 */
export function sizesArgument(defaults: readonly number[]): number[] {
  const explicit = listArgument('sizes', []);
  if (explicit.length > 0) return explicit.map(Math.round);
  if (!process.argv.includes('--records')) return [...defaults];
  const largest = numberArgument('records', 1);
  return [largest / 100, largest / 10, largest].map(Math.round).filter((size) => size >= 1);
}

export function secondsText(seconds: number): string {
  return seconds < 10 ? seconds.toFixed(3) : seconds.toFixed(2);
}

export function ratioText(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}
