import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const SUMMARY_FILE = join(REPOSITORY_ROOT, '.data', 'reliability-summary.json');
const SECTIONS_DIR = join(REPOSITORY_ROOT, '.data', 'reliability');

export type DatabaseKind = 'EMBEDDED' | 'POSTGRES';

export function databaseKind(): DatabaseKind {
  return process.env['DATABASE_URL'] ? 'POSTGRES' : 'EMBEDDED';
}

/** One thing tried and whether it held. */
export interface TriedCase {
  readonly name: string;
  readonly group: string;
  readonly problems: readonly string[];
}

/** What one suite of the reliability tests found. */
export interface SuiteSection {
  readonly suite: string;
  readonly database: DatabaseKind;
  readonly casesTried: number;
  readonly failures: ReadonlyArray<{ readonly group: string; readonly name: string; readonly problems: readonly string[] }>;
  /** Accepted submissions lost, applied twice, or revocations never receipted. Must be 0. */
  readonly dataLost: number;
  readonly byGroup: Readonly<Record<string, number>>;
  /** Measurements (latencies, memory, durations). */
  readonly measurements: Readonly<Record<string, unknown>>;
  readonly finishedAt: string;
  readonly runKey: string;
}

/** Collects the cases of one suite; `write` files them and prints the summary of the whole run so far. */
export class ReliabilityRecorder {
  private readonly tried: TriedCase[] = [];
  private readonly measured: Record<string, unknown> = {};
  private lost = 0;

  constructor(readonly suite: string) {}

  record(group: string, name: string, problems: readonly string[]): void {
    this.tried.push({ group, name, problems });
  }

  measure(name: string, value: unknown): void {
    this.measured[name] = value;
  }

  /** Adds to the count of data lost (a loss is also recorded as a failed case by the caller). */
  dataLost(count: number): void {
    this.lost += count;
  }

  section(): SuiteSection {
    const byGroup: Record<string, number> = {};
    for (const tried of this.tried) byGroup[tried.group] = (byGroup[tried.group] ?? 0) + 1;
    return {
      suite: this.suite,
      database: databaseKind(),
      casesTried: this.tried.length,
      failures: this.tried.filter((tried) => tried.problems.length > 0).map(({ group, name, problems }) => ({ group, name, problems })),
      dataLost: this.lost,
      byGroup,
      measurements: this.measured,
      finishedAt: new Date().toISOString(),
      runKey: runKey(),
    };
  }

  /** Writes this suite's section, merges the sections of this run into the summary file, prints it and its path. */
  async write(): Promise<string> {
    const section = this.section();
    await mkdir(SECTIONS_DIR, { recursive: true });
    await writeFile(join(SECTIONS_DIR, `${section.suite}-${section.database.toLowerCase()}.json`), `${JSON.stringify(section, null, 2)}\n`);
    const sections = await sectionsOfRun(section.runKey);
    const summary = {
      runKey: section.runKey,
      writtenAt: new Date().toISOString(),
      totals: {
        casesTried: sections.reduce((sum, item) => sum + item.casesTried, 0),
        failures: sections.reduce((sum, item) => sum + item.failures.length, 0),
        dataLost: sections.reduce((sum, item) => sum + item.dataLost, 0),
      },
      suites: sections,
    };
    await writeFile(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    const lines = [
      '',
      `Reliability summary (${section.suite}, ${section.database}): ${section.casesTried} cases tried, ${section.failures.length} failures, ${section.dataLost} data lost`,
      ...Object.entries(section.byGroup).map(([group, count]) => `  ${group.padEnd(28)} ${count}`),
      ...section.failures.slice(0, 20).map((failure) => `  FAILED ${failure.group} / ${failure.name}: ${failure.problems.join('; ')}`),
      ...Object.entries(section.measurements).map(([name, value]) => `  ${name}: ${JSON.stringify(value)}`),
      `Whole run so far (${sections.map((item) => `${item.suite}/${item.database}`).join(', ')}): ${summary.totals.casesTried} cases tried, ` +
        `${summary.totals.failures} failures, ${summary.totals.dataLost} data lost`,
      `Summary written to ${SUMMARY_FILE}`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return SUMMARY_FILE;
  }
}

/**
 * The same for every test file of one jest run: jest workers are children of the jest process, a run in band is the
 * jest process itself. Sections of older runs are left out of the summary.
 */
function runKey(): string {
  const jestProcess = typeof process.send === 'function' ? process.ppid : process.pid;
  return `${jestProcess}`;
}

async function sectionsOfRun(key: string): Promise<SuiteSection[]> {
  const files = (await readdir(SECTIONS_DIR)).filter((file) => file.endsWith('.json')).sort();
  const sections: SuiteSection[] = [];
  for (const file of files) {
    try {
      const section = JSON.parse(await readFile(join(SECTIONS_DIR, file), 'utf8')) as SuiteSection;
      if (section.runKey === key) sections.push(section);
    } catch {
      // A section being written by another worker right now: it will be in the next summary.
    }
  }
  return sections;
}
