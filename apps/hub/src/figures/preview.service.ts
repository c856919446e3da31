import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isCountryCode, type DatasetDefinition } from '@app/standard';
import { datasetById } from '../catalogue/geo-codes.js';
import { HubConfig } from '../config/hub.config.js';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';
import { protectDataset, type DisclosureControl, type ReleaseCell } from '../releases/dataset-protection.js';
import { aggregateDataset, createPersonTimeRows } from '../releases/release-aggregation.js';
import { coverageKey, planRelease, type ReleasePlan } from '../releases/release-plan.js';
import { cellKey, markRevisions, type PreviousRelease } from '../releases/revision-flags.js';
import type { CubeCoverage, StoredValue } from './cube-slice.js';
import { selectFigures, type FigureFilter, type FigureSelection } from './figure-selection.js';
import type { FigureTableData } from './figure-table.js';
import { FiguresErrorCode, FiguresException } from './figures.exception.js';
import { assertSelectionSize, FiguresService } from './figures.service.js';
import type { Measure } from './measure.js';
import { disclosureControlOf } from '../releases/releases.service.js';
import { RevisionsService } from '../revisions/revisions.service.js';

export interface PreviewRequest {
  readonly dataset: string;
  readonly country: string;
  readonly filter?: FigureFilter;
  readonly measure: Measure;
  readonly maxCells: number;
}

const PERSON_TABLE = 'preview_persons';

/**
 * Figures of one country's current, unreleased records, protected as the next release will protect them: the release
 * builder of releases/ (plan, aggregation, disclosure control, revision flags against the latest release) run for that
 * country alone, in a transaction that is always rolled back, so nothing of a preview is ever stored.
 */
@Injectable()
export class PreviewService {
  private readonly logger = new Logger('Preview');
  private readonly control: DisclosureControl;
  private readonly provisionalQuarters: number;

  constructor(
    private readonly dataSource: DataSource,
    config: HubConfig,
    private readonly metadata: CountryMetadataService,
    private readonly figures: FiguresService,
    private readonly revisions: RevisionsService,
  ) {
    this.control = disclosureControlOf(config.release.disclosure);
    this.provisionalQuarters = config.release.provisionalQuarters;
  }

  /** The caller's right to the country is checked by the resolver (COUNTRY_OUT_OF_SCOPE) before this runs. */
  async preview(request: PreviewRequest, now = new Date()): Promise<FigureTableData> {
    const dataset = datasetById(request.dataset);
    const country = request.country;
    if (!isCountryCode(country)) {
      throw new FiguresException(FiguresErrorCode.UNKNOWN_CODE, 'country is not a country code of the standard (Eurostat spelling).', ['country']);
    }
    if (request.filter?.geo?.some((geo) => geo !== country)) {
      throw new FiguresException(FiguresErrorCode.INVALID_PREVIEW_FILTER, 'A preview covers its country only; leave filter.geo out.', ['filter.geo']);
    }
    const started = performance.now();
    const built = await this.build(dataset, country, request, now);
    this.logger.debug({ msg: 'preview built', dataset: dataset.id, cells: built.selection.cellCount, ms: Math.round(performance.now() - started) });
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
      const submissions: { country: string; period: string }[] = await manager.query(
        'SELECT DISTINCT country, period FROM hub_submission WHERE country = $1 ORDER BY period',
        [country],
      );
      if (submissions.length === 0) {
        throw new FiguresException(FiguresErrorCode.NOTHING_TO_PREVIEW, 'No return of this country has been accepted yet.', ['country']);
      }
      const plan = planRelease({
        expectedCountries: [country],
        submissions,
        metadata: await this.metadata.entries(country, manager),
        groups: [],
        publishedAt: now,
        provisionalQuarters: this.provisionalQuarters,
      });
      const selection = selectFigures(dataset, { geos: [country], times: plan.times }, { ...request.filter, geo: [country] });
      assertSelectionSize(selection, request.maxCells);
      await restrictRecordsToCountry(manager, country);
      await createPersonTimeRows(manager, PERSON_TABLE, dataset.legalStatuses);
      const current = await aggregateDataset(manager, dataset, PERSON_TABLE);
      // As the next release will: held periods show what they were published from.
      const round = await this.revisions.decide(manager, plan, country);
      const { rows } = await this.revisions.holdDataset(manager, dataset.id, current, round);
      const protectedCells = protectDataset(dataset, rows, plan, this.control);
      const cells = markRevisions(protectedCells, await latestReleased(manager, dataset, country), plan);
      return { selection, coverage: coverageOf(plan), cells: storedValues(cells) };
    } finally {
      // Always rolled back: the temporary view and table go with it, and a preview leaves no trace in the database.
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

/**
 * Makes `hub_record` mean this country's records for the rest of the transaction: a temporary view of that name is
 * found before the table (PostgreSQL searches the session's temporary schema first), so the release builder's own SQL
 * aggregates one country, not the whole hub. The country is a validated code of the standard (two capital letters).
 */
async function restrictRecordsToCountry(manager: EntityManager, country: string): Promise<void> {
  if (!/^[A-Z]{2}$/.test(country)) throw new Error('country must be validated before it reaches SQL');
  const [{ schema }]: { schema: string }[] = await manager.query('SELECT quote_ident(current_schema()) AS schema');
  await manager.query(`CREATE TEMPORARY VIEW hub_record AS SELECT * FROM ${schema}.hub_record WHERE country = '${country}'`);
}

/** What the latest release published for the country in this dataset, so a preview shows what will be flagged `r`. */
async function latestReleased(manager: EntityManager, dataset: DatasetDefinition, country: string): Promise<PreviousRelease | undefined> {
  const [{ latest }]: { latest: number | null }[] = await manager.query('SELECT max(number) AS latest FROM hub_release');
  if (latest === null) return undefined;
  const cells: { time: string; codes: string[]; value: number | null }[] = await manager.query(
    'SELECT time, codes, value FROM hub_release_cell WHERE release_number = $1 AND dataset = $2 AND geo = $3',
    [latest, dataset.id, country],
  );
  const reported: { time: string }[] = await manager.query(
    'SELECT time FROM hub_release_coverage WHERE release_number = $1 AND geo = $2 AND reported',
    [latest, country],
  );
  return {
    values: new Map(cells.map((cell) => [cellKey(country, cell.time, cell.codes), cell.value])),
    reported: new Set(reported.map((row) => coverageKey(country, row.time))),
  };
}

function coverageOf(plan: ReleasePlan): Map<string, CubeCoverage> {
  return new Map([...plan.coverage.values()].map((coverage) => [coverageKey(coverage.geo, coverage.time), coverage]));
}

function storedValues(cells: readonly ReleaseCell[]): Map<string, StoredValue> {
  return new Map(cells.map((cell) => [cellKey(cell.geo, cell.time, cell.codes), { value: cell.value, flags: cell.flags }]));
}
