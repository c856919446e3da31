import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file runs compiled (dist/scripts/federation) from the launcher and from source under jest; the apps it
// starts are always the compiled ones.
const here = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = here.includes('/dist/') ? resolve(here, '..', '..', '..') : resolve(here, '..', '..');
const distRoot = resolve(repositoryRoot, 'dist');

export interface ServiceSpec {
  name: string;
  /** Compiled entry point relative to dist/, e.g. `apps/hub/src/main.js`. */
  entry: string;
  port: number;
  env: Record<string, string | undefined>;
}

export interface SupervisorOptions {
  /** Receives every line every child writes (tests scan them); by default only warnings and errors are echoed. */
  onLine?: (service: string, line: string) => void;
  /** The launcher stops everything when one child dies; tests kill children on purpose. */
  stopAllWhenOneExits?: boolean;
}

/** Runs the apps as child processes, prefixes their output, waits for readiness and stops them all together. */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions = {}) {}

  async start(spec: ServiceSpec, readyTimeoutMs = 90_000): Promise<string> {
    const child = spawn(process.execPath, ['--enable-source-maps', resolve(distRoot, spec.entry)], {
      env: { ...process.env, ...spec.env, PORT: String(spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.set(spec.name, child);
    const prefix = `[${spec.name}] `;
    const relay = (stream: NodeJS.ReadableStream, sink: NodeJS.WritableStream) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          this.options.onLine?.(spec.name, line);
          if (!this.options.onLine && (process.env.FEDERATION_VERBOSE || /"level":"(warn|error|fatal)"/.test(line)))
            sink.write(prefix + line + '\n');
        }
      });
    };
    relay(child.stdout!, process.stdout);
    relay(child.stderr!, process.stderr);
    child.on('exit', (code, signal) => {
      this.children.delete(spec.name);
      if (!this.stopping && (this.options.stopAllWhenOneExits ?? true)) {
        process.stderr.write(`${prefix}exited (${signal ?? code}); stopping the federation\n`);
        void this.stopAll().then(() => process.exit(1));
      }
    });
    const url = `http://127.0.0.1:${spec.port}`;
    await waitForReady(`${url}/readyz`, readyTimeoutMs, () => this.children.has(spec.name));
    return url;
  }

  /** Stops one service: SIGINT for a clean shutdown, SIGKILL to simulate a crash. */
  async stop(name: string, signal: 'SIGINT' | 'SIGKILL' = 'SIGINT'): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
      // A child that does not stop in time is killed; its embedded database recovers from its WAL on next start.
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.children.keys()].map((name) => this.stop(name)));
  }
}

async function waitForReady(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${url}: process exited before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}
