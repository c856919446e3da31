/**
 * Progress of a file import on stderr: a redrawn bar on a terminal, an occasional plain line otherwise (logs of a
 * batch job should not fill up with progress). Shows bytes read of the file and rows, never file content.
 */
export class ImportProgress {
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private bytes = 0;
  private rows = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly write: (text: string) => void,
    private readonly terminal: boolean,
    private readonly now: () => number = () => Date.now(),
    /** Milliseconds between two updates: a terminal redraws often, a log gets a line now and then. */
    private readonly intervalMs: number = terminal ? 100 : 5_000,
  ) {}

  bytesRead(count: number): void {
    this.bytes += count;
    this.maybeDraw();
  }

  rowsRead(count: number): void {
    this.rows = count;
    this.maybeDraw();
  }

  /** The final state, always drawn. */
  finish(): void {
    this.draw();
    if (this.terminal) this.write('\n');
  }

  private maybeDraw(): void {
    if (this.now() - this.lastDrawn >= this.intervalMs) this.draw();
  }

  private draw(): void {
    this.lastDrawn = this.now();
    const line = progressLine(this.bytes, this.totalBytes, this.rows, this.terminal);
    this.write(this.terminal ? `\r${line}` : `${line}\n`);
  }
}

const BAR_WIDTH = 30;

/** `[#########.....]  30%  12,345 rows` (terminal) or `import: 30% of the file, 12,345 rows read` (log). */
export function progressLine(bytes: number, totalBytes: number, rows: number, terminal: boolean): string {
  const fraction = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 1;
  const percent = `${Math.floor(fraction * 100)}%`;
  const rowText = `${rows.toLocaleString('en-US')} rows`;
  if (!terminal) return `import: ${percent} of the file, ${rowText} read`;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent.padStart(4)}  ${rowText}`;
}
