import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isCountryCode, type DatasetDefinition } from '#app/standard';
import { datasetById } from '../catalogue/geo-codes.js';
import type { DisclosureControl, ReleaseCell } from '../releases/dataset-protection.js';
import { ReleaseBuilder } from '../releases/release-builder.js';
import { coverageKey, type ReleasePlan } from '../releases/release-plan.js';
import { ReleasesRepository } from '../releases/releases.repository.js';
import { cellKey } from '../releases/revision-flags.js';
import type { CubeCoverage, StoredValue } from './cube-slice.js';
import { selectFigures, type FigureFilter, type FigureSelection } from './figure-selection.js';
import type { FigureTableData } from './figure-table.js';
import { FiguresErrorCode, FiguresException } from './figures.exception.js';
import { assertSelectionSize, FiguresService } from './figures.service.js';
import type { Measure } from './measure.js';

export interface PreviewRequest {
  readonly dataset: string;
  readonly country: string;
  readonly filter?: FigureFilter;
  readonly measure: Measure;
  readonly maxCells: number;
}

/**
 * Figures of one country's current, unreleased records, protected as the next release will protect them: the
 * release builder (plan, aggregation, revision policy, disclosure control, revision flags against the latest release)
 * run for that country alone, in a transaction that is always rolled back, so nothing of a preview is ever stored.
 */
@Injectable()
export class PreviewService {
  private readonly logger = new Logger('Preview');

  constructor(
    private readonly dataSource: DataSource,
    private readonly builder: ReleaseBuilder,
    private readonly releases: ReleasesRepository,
    private readonly figures: FiguresService,
  ) {}

  private get control(): DisclosureControl {
    return this.builder.control;
  }

  /** The caller's right to the country is checked by the resolver (COUNTRY_OUT_OF_SCOPE) before this runs. */
  async preview(request: PreviewRequest, now = new Date()): Promise<FigureTableData> {
    const dataset = datasetById(request.dataset);
    const country = request.country;
    if (!isCountryCode(country)) {
      throw new FiguresException(FiguresErrorCode.UNKNOWN_CODE, 'country is not a country code of the standard (Eurostat spelling).', [
        'country',
      ]);
    }
    if (request.filter?.geo?.some((geo) => geo !== country)) {
      throw new FiguresException(FiguresErrorCode.INVALID_PREVIEW_FILTER, 'A preview covers its country only; leave filter.geo out.', [
        'filter.geo',
      ]);
    }
    const started = performance.now();
    const built = await this.build(dataset, country, request, now);
    this.logger.debug({
      msg: 'preview built',
      dataset: dataset.id,
      cells: built.selection.cellCount,
      ms: Math.round(performance.now() - started),
    });
    return this.figures.assemble(
      built.selection,
      { coverage: built.coverage, cells: built.cells },
      request.measure,
      { kind: 'PREVIEW', country, builtAt: now, disclosureMethod: this.control.method },
      this.control.method === 'NONE' ? 0 : this.control.threshold,
    );
  }

  private async build(
    dataset: DatasetDefinition,
    country: string,
    request: PreviewRequest,
    now: Date,
  ): Promise<{ selection: FigureSelection; coverage: Map<string, CubeCoverage>; cells: Map<string, StoredValue> }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const manager = runner.manager;
      const scope = { country };
      const plan = await this.builder.plan(manager, scope, now);
      if (plan === undefined) {
        throw new FiguresException(FiguresErrorCode.NOTHING_TO_PREVIEW, 'No return of this country has been accepted yet.', ['country']);
      }
      const selection = selectFigures(dataset, { geos: [country], times: plan.times }, { ...request.filter, geo: [country] });
      assertSelectionSize(selection, request.maxCells);
      // As the next release will: held periods show what they were published from, changes flagged against the latest.
      const round = await this.builder.decide(manager, plan, scope);
      const latest = await this.releases.latestNumber(manager);
      const previous = latest === null ? undefined : await this.builder.previous(manager, latest, dataset.id, scope);
      const { cells } = await this.builder.buildDataset(manager, dataset, plan, round, { ...scope, personTables: new Map(), previous });
      return { selection, coverage: coverageOf(plan), cells: storedValues(cells) };
    } finally {
      // Always rolled back: the temporary table goes with it, and a preview leaves no trace in the database.
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

function coverageOf(plan: ReleasePlan): Map<string, CubeCoverage> {
  return new Map([...plan.coverage.values()].map((coverage) => [coverageKey(coverage.geo, coverage.time), coverage]));
}

function storedValues(cells: readonly ReleaseCell[]): Map<string, StoredValue> {
  return new Map(cells.map((cell) => [cellKey(cell.geo, cell.time, cell.codes), { value: cell.value, flags: cell.flags }]));
}
