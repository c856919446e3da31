/** Shared helpers of the benchmarks: arguments, timing, memory sampling and the printed table. */

export function numberArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function listArgument(name: string, fallback: number[]): number[] {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  return (process.argv[index + 1] ?? '').split(',').map((part) => {
    const value = Number(part);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes positive numbers separated by commas`);
    return value;
  });
}

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

/** Median of several runs, after one warm-up run that is not counted. */
export async function medianSeconds(runs: number, work: () => Promise<unknown> | unknown, prepare?: () => Promise<void>): Promise<number> {
  if (prepare) await prepare();
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    if (prepare) await prepare();
    samples.push((await timed(work)).seconds);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Samples this process's resident memory every 50 ms until stopped; returns the peak in MiB. */
export function memorySampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 1024 / 1024);
    },
  };
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padStart(widths[index]!)).join('  ');
  process.stdout.write(`\n${title}\n${line(columns)}\n${line(widths.map((width) => '-'.repeat(width)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((column) => String(row[column])))}\n`);
}

/** The last line of every benchmark, read by people and by `npm run bench`. */
export function printRatio(name: string, ratio: number, target: number | undefined, higherIsBetter = false): void {
  const verdict = target === undefined ? '' : (higherIsBetter ? ratio >= target : ratio <= target) ? ' TARGET MET' : ' TARGET MISSED';
  const targetText = target === undefined ? '' : `, target ${higherIsBetter ? '>=' : '<='} ${target}`;
  process.stdout.write(`\nRATIO ${name}: ${ratio.toFixed(2)}${targetText}${verdict}\n`);
}

/** Slope of log(time) over log(size): 1.0 is linear growth. */
export function growthExponent(points: { size: number; seconds: number }[]): number {
  const xs = points.map((point) => Math.log(point.size));
  const ys = points.map((point) => Math.log(point.seconds));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let numerator = 0;
  let denominator = 0;
  for (let index = 0; index < xs.length; index += 1) {
    numerator += (xs[index]! - meanX) * (ys[index]! - meanY);
    denominator += (xs[index]! - meanX) ** 2;
  }
  return numerator / denominator;
}
