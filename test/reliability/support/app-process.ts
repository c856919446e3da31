import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './reliability-summary.js';

const MAX_KEPT_LINES = 5000;

export interface AppSpec {
  readonly name: string;
  /** Compiled entry point relative to dist/, e.g. `apps/hub/src/main.js`. */
  readonly entry: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * One compiled app as a real child process, started the way scripts/federation/supervisor.ts starts it, but one the
 * test may kill at will: the supervisor stops the whole federation when a child dies, which is the opposite of what a
 * fault test needs. Keeps the process's output lines for inspection.
 */
export class AppProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitedYet = false;

  private constructor(
    readonly spec: AppSpec,
    private readonly child: ChildProcess,
  ) {
    this.exited = once(child, 'exit').then(([code, signal]) => {
      this.exitedYet = true;
      return { code: code as number | null, signal: signal as NodeJS.Signals | null };
    });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (pending + chunk).split('\n');
        pending = parts.pop() ?? '';
        this.lines.push(...parts);
        if (this.lines.length > MAX_KEPT_LINES) this.lines.splice(0, this.lines.length - MAX_KEPT_LINES);
      });
    }
  }

  /**
   * Starts the app and waits until `/readyz` answers 200. A start that fails while loading its compiled modules is
   * tried again (twice at most): that is a build rewriting dist/ at the same moment, never the app's own state.
   */
  static async start(spec: AppSpec, readyTimeoutMs = 120_000): Promise<AppProcess> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await AppProcess.startOnce(spec, readyTimeoutMs);
      } catch (error) {
        const loading = /SyntaxError: \S*dist\/|ERR_MODULE_NOT_FOUND|Cannot find module/.test((error as Error).message);
        if (!loading || attempt >= 3) throw error;
        await new Promise((done) => setTimeout(done, 3_000));
      }
    }
  }

  private static async startOnce(spec: AppSpec, readyTimeoutMs: number): Promise<AppProcess> {
    const entry = join(REPOSITORY_ROOT, 'dist', spec.entry);
    await access(entry).catch(() => {
      throw new Error(`${entry} is missing: run \`npm run build\` before the reliability tests`);
    });
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      env: { ...process.env, NODE_OPTIONS: '', ...spec.env, PORT: String(spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(spec, child);
    try {
      await app.waitUntilReady(readyTimeoutMs);
    } catch (error) {
      await app.kill();
      throw error;
    }
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get alive(): boolean {
    return !this.exitedYet;
  }

  /** Kills the process (SIGKILL unless told otherwise) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.exitedYet) this.child.kill(signal);
    await this.exited;
  }

  /** A clean stop (SIGTERM, which the apps handle), SIGKILL if it does not end within 20 s. */
  async stop(): Promise<void> {
    if (this.exitedYet) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resident memory of the process, from /proc (Linux). */
  async residentBytes(): Promise<number | undefined> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8').catch(() => undefined);
    const kib = status === undefined ? undefined : /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  }

  async ready(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(5_000) })).ok;
    } catch {
      return false;
    }
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) {
        // Only the lines that say what failed, without the stack frames under them.
        const said = this.lines.filter((line) => line.trim() !== '' && !/^\s+at /.test(line)).slice(-6);
        throw new Error(`${this.spec.name} exited before it was ready: ${said.join(' | ').slice(0, 1500)}`);
      }
      if (await this.ready()) return;
      await new Promise((done) => setTimeout(done, 200));
    }
    throw new Error(`${this.spec.name} was not ready within ${timeoutMs / 1000} s`);
  }
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Polls `probe` until `check` holds; fails naming `what` and the last value after the timeout. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    let failure: unknown;
    try {
      value = await probe();
      if (check(value)) return value;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      const last = failure instanceof Error ? failure.message : JSON.stringify(value)?.slice(0, 400);
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}: ${last}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
