import type { CountryCode } from '../code-lists/country-codes.js';
import type {
  FatalProblem,
  ImportFormat,
  ImportReport,
  MappedValueCount,
  RowProblem,
  RowProblemCode,
  RowRejection,
} from './import-problem.js';

export const NOT_IN_SOURCE = '(not in source)';

/** Accumulates an import report in constant memory: counts, plus the first few rejections in full. */
export class ImportReportBuilder {
  private rowsRead = 0;
  private accepted = 0;
  private rejected = 0;
  private readonly rejections: RowRejection[] = [];
  private readonly problemCounts = new Map<string, { column: string; code: RowProblemCode; count: number }>();
  private readonly mapped = new Map<string, MappedValueCount>();
  private readonly acceptedByCountry: Partial<Record<CountryCode, number>> = {};

  constructor(
    private readonly format: ImportFormat,
    private readonly maxRejectionsListed: number,
  ) {}

  get rows(): number {
    return this.rowsRead;
  }

  accept(country: CountryCode): void {
    this.rowsRead += 1;
    this.accepted += 1;
    this.acceptedByCountry[country] = (this.acceptedByCountry[country] ?? 0) + 1;
  }

  reject(rejection: RowRejection): void {
    this.rowsRead += 1;
    this.rejected += 1;
    if (this.rejections.length < this.maxRejectionsListed) this.rejections.push(rejection);
    for (const problem of rejection.problems) this.countProblem(problem);
  }

  /** Records value mappings of an accepted row (those of rejected rows are not counted). */
  mapValues(mappings: readonly { column: string; sourceValue: string; mappedTo: string }[]): void {
    for (const { column, sourceValue, mappedTo } of mappings) {
      const key = `${column}\u0000${sourceValue}\u0000${mappedTo}`;
      const known = this.mapped.get(key);
      this.mapped.set(key, { column, sourceValue, mappedTo, count: (known?.count ?? 0) + 1 });
    }
  }

  build(fatal?: FatalProblem): ImportReport {
    const outcome = fatal !== undefined ? 'FATAL' : this.rejected > 0 ? 'ROWS_REJECTED' : 'CLEAN';
    return {
      format: this.format,
      outcome,
      rowsRead: this.rowsRead,
      accepted: this.accepted,
      rejected: this.rejected,
      rejections: [...this.rejections],
      rejectionsNotListed: this.rejected - this.rejections.length,
      problemCounts: [...this.problemCounts.values()].map((entry) => ({ ...entry })),
      mappedValues: [...this.mapped.values()].sort(
        (a, b) => a.column.localeCompare(b.column) || a.sourceValue.localeCompare(b.sourceValue) || a.mappedTo.localeCompare(b.mappedTo),
      ),
      acceptedByCountry: { ...this.acceptedByCountry },
      ...(fatal === undefined ? {} : { fatal }),
    };
  }

  private countProblem(problem: RowProblem): void {
    const key = `${problem.column}\u0000${problem.code}`;
    const known = this.problemCounts.get(key);
    if (known) known.count += 1;
    else this.problemCounts.set(key, { column: problem.column, code: problem.code, count: 1 });
  }
}
