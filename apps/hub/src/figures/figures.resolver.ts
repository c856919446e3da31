import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { assertCountryInScope, CurrentPrincipal, Roles, type Principal } from '#app/auth';
import { AccessLogService } from '../access-log/access-log.service.js';
import { CountryMetadataLoaders } from '../catalogue/country-metadata.loader.js';
import { isCountryGroup } from '../catalogue/geo-codes.js';
import {
  ComparativeReportModel,
  ComparativeRowModel,
  CountryDefinitionModel,
  toComparativeReportModel,
  toCountryDefinitionModel,
} from './comparative-report.model.js';
import { ComparativeReportArgs } from './dto/comparative-report.args.js';
import { toFigureFilter } from './dto/figure-filter.input.js';
import { FiguresArgs } from './dto/figures.args.js';
import { PreviewFiguresArgs } from './dto/preview-figures.args.js';
import { entriesInForce } from './figure-notes.js';
import { FIGURE_READERS, PREVIEWERS } from './figure-roles.js';
import { FigureTableModel, toFigureTableModel } from './figure-table.model.js';
import type { TableSource } from './figure-table.js';
import { FiguresService, MAX_GRAPHQL_CELLS } from './figures.service.js';
import { LatestReleaseLoader } from './latest-release.loader.js';
import { PreviewService } from './preview.service.js';

/** Released figures for every signed-in role; previews of unreleased figures for rapporteurs (own countries) and admins. */
@Roles(...FIGURE_READERS)
@Resolver()
export class FiguresResolver {
  constructor(
    private readonly figuresService: FiguresService,
    private readonly previewService: PreviewService,
    private readonly accessLog: AccessLogService,
    private readonly latestRelease: LatestReleaseLoader,
  ) {}

  @Query(() => FigureTableModel, { description: 'A slice of a released dataset: counts or rates, flags and notes per cell.' })
  async figures(
    @Args() args: FiguresArgs,
    @CurrentPrincipal() principal: Principal,
    @Context('req') request: object,
  ): Promise<FigureTableModel> {
    const table = await this.figuresService.released({
      ...args,
      release: await this.latestRelease.resolve(request, args.release),
      filter: toFigureFilter(args.filter),
      maxCells: MAX_GRAPHQL_CELLS,
    });
    await this.accessLog.record({ principal, operation: 'figures', dataset: table.dataset, release: releaseOf(table.source) });
    return toFigureTableModel(table);
  }

  @Query(() => ComparativeReportModel, { description: "A dataset's total by country and period, ranked, with definitions." })
  async comparativeReport(
    @Args() args: ComparativeReportArgs,
    @CurrentPrincipal() principal: Principal,
    @Context('req') request: object,
  ): Promise<ComparativeReportModel> {
    const report = await this.figuresService.comparative({ ...args, release: await this.latestRelease.resolve(request, args.release) });
    await this.accessLog.record({
      principal,
      operation: 'comparativeReport',
      dataset: report.table.dataset,
      release: releaseOf(report.table.source),
    });
    return toComparativeReportModel(report);
  }

  @Roles(...PREVIEWERS)
  @Query(() => FigureTableModel, {
    description: "A country's current, unreleased figures, protected as the next release would be; never stored.",
  })
  async previewFigures(@Args() args: PreviewFiguresArgs, @CurrentPrincipal() principal: Principal): Promise<FigureTableModel> {
    assertCountryInScope(principal, args.country);
    const table = await this.previewService.preview({ ...args, filter: toFigureFilter(args.filter), maxCells: MAX_GRAPHQL_CELLS });
    await this.accessLog.record({ principal, operation: 'previewFigures', dataset: table.dataset, country: args.country });
    return toFigureTableModel(table);
  }
}

/** Definitions of a report row's country, batched per request through the metadata loader. */
@Roles(...FIGURE_READERS)
@Resolver(() => ComparativeRowModel)
export class ComparativeRowResolver {
  constructor(private readonly loaders: CountryMetadataLoaders) {}

  @ResolveField(() => [CountryDefinitionModel])
  async definitions(@Parent() row: ComparativeRowModel, @Context('req') request: object): Promise<CountryDefinitionModel[]> {
    if (isCountryGroup(row.geo)) return [];
    const entries = await this.loaders.forRequest(request).load(row.geo);
    return entriesInForce(entries, row.periods).map(toCountryDefinitionModel);
  }
}

function releaseOf(source: TableSource): number | null {
  return source.kind === 'RELEASE' ? source.release : null;
}
