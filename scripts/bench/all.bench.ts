/**
 * `npm run bench`: the five benchmarks one after another at modest sizes, each in a process of its own (so one's
 * memory and warm caches do not colour the next), then their RATIO lines together. Extra arguments (`--embedded`) are
 * passed on to every benchmark; `--full` runs each at its own default (full) sizes instead.
 *   node dist/scripts/bench/all.bench.js [--embedded] [--full]
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag } from './bench-kit.js';

interface Benchmark {
  readonly name: string;
  readonly script: string;
  /** Arguments of the modest run; the full run uses the script's defaults. */
  readonly modest: readonly string[];
  readonly nodeOptions?: readonly string[];
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'ingest', script: 'ingest.bench.js', modest: ['--sizes', '1000,10000,100000', '--runs', '1'] },
  { name: 'release', script: 'release.bench.js', modest: ['--sizes', '3000,30000,300000', '--runs', '1'], nodeOptions: ['--expose-gc'] },
  { name: 'figures', script: 'figures.bench.js', modest: ['--duration', '10', '--records', '30000'] },
  { name: 'pseudonyms', script: 'pseudonyms.bench.js', modest: ['--persons', '200000'] },
  { name: 'console', script: 'console.bench.js', modest: ['--persons', '100000', '--runs', '3'] },
];

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const passOn = flag('embedded') ? ['--embedded'] : [];
  const summary: string[] = [];
  let failed = 0;
  for (const benchmark of BENCHMARKS) {
    process.stdout.write(`\n=== ${benchmark.name} ===\n`);
    const started = performance.now();
    const args = [
      ...(benchmark.nodeOptions ?? []),
      '--enable-source-maps',
      join(here, benchmark.script),
      ...(flag('full') ? [] : benchmark.modest),
      ...passOn,
    ];
    const { code, ratioLines } = await run(args);
    const minutes = ((performance.now() - started) / 60_000).toFixed(1);
    if (code !== 0) {
      failed += 1;
      summary.push(`${benchmark.name}: FAILED (exit ${code}) after ${minutes} min`);
    } else {
      summary.push(...ratioLines.map((line) => `${line} [${minutes} min]`));
    }
  }
  process.stdout.write(`\n=== summary ===\n${summary.join('\n')}\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

/** Runs one benchmark with its output passed through, keeping its RATIO lines. */
function run(args: readonly string[]): Promise<{ code: number; ratioLines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const ratioLines: string[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      ratioLines.push(...lines.filter((line) => line.startsWith('RATIO ')));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending.startsWith('RATIO ')) ratioLines.push(pending);
      resolve({ code: code ?? 1, ratioLines });
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
