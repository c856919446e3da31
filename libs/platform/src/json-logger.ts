import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentRequestId } from './request-context.js';

const severity: Record<LogLevel, number> = { verbose: 0, debug: 1, log: 2, warn: 3, error: 4, fatal: 5 };

export type LogSink = (line: string) => void;

/**
 * One JSON object per line with the request id of the current request. Callers pass ids and counts only:
 * identities never reach a log line (the federation test greps every process's output for planted canaries).
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly app: string,
    level: LogLevel = 'log',
    private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`),
  ) {
    this.threshold = severity[level];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (severity[level] < this.threshold) return;
    // Nest passes the context (a class name) as the last string argument, and for errors a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      app: this.app,
      context,
      requestId: currentRequestId(),
    };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.error = message.name;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    this.sink(JSON.stringify(entry));
  }
}
