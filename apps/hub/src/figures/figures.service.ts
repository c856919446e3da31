import { Injectable } from '@nestjs/common';
import { comparePeriods, parsePeriod, TOTAL, type DimensionId } from '#app/standard';
import { countryGroupById, datasetById, isCountryGroup } from '../catalogue/geo-codes.js';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';
import { coverageKey } from '../releases/release-plan.js';
import { isComparable, rankComparable } from './comparative-ranking.js';
import { sliceCube, type CubeContents } from './cube-slice.js';
import { entriesInForce, figureNotes, type DefinitionEntry } from './figure-notes.js';
import { selectFigures, type FigureFilter, type FigureSelection } from './figure-selection.js';
import type { FigureTableData, TableSource } from './figure-table.js';
import { FiguresErrorCode, FiguresException } from './figures.exception.js';
import { isRate, unitOf, type Measure } from './measure.js';
import { PopulationDenominators } from './population-denominators.js';
import { denominator, populationYear, toRates } from './rates.js';
import { ReleasedCubes, type ReleasedCube } from './released-cubes.reader.js';

/** Cells one GraphQL answer may carry; exports stream and allow more. */
export const MAX_GRAPHQL_CELLS = 20_000;
export const MAX_EXPORT_CELLS = 2_000_000;

export interface FigureRequest {
  readonly dataset: string;
  /** A release number; the latest release when absent. */
  readonly release?: number | null;
  readonly filter?: FigureFilter;
  readonly measure: Measure;
  readonly maxCells: number;
}

export interface ComparativeRequest {
  readonly dataset: string;
  readonly release?: number | null;
  /** Countries or country groups; all of the release when absent. */
  readonly countries?: readonly string[] | null;
  /** Quarters or years; the latest year of the release when absent. */
  readonly periods?: readonly string[] | null;
  readonly measure: Measure;
}

export interface ComparativeValueData {
  readonly time: string;
  readonly value: number | null;
  readonly flags: string;
  readonly noteIds: readonly string[];
  /** Rank among comparable countries in this period (1 = highest); null when not comparable. */
  readonly rank: number | null;
  readonly comparable: boolean;
}

export interface ComparativeRowData {
  readonly geo: string;
  readonly label: string;
  readonly isGroup: boolean;
  readonly values: readonly ComparativeValueData[];
}

/** A comparative report: the dataset's grand total per geo and period, ranked, and the slice it was read from. */
export interface ComparativeReportData {
  readonly table: FigureTableData;
  readonly periods: readonly string[];
  readonly rows: readonly ComparativeRowData[];
}

/**
 * Figures from released cubes: slices with every cell accounted for (absent cells are zeros or not available, as the
 * release's coverage says), rates from the protected counts, notes from country metadata. Every output reads through
 * here, so a cell has one value whichever filter, dataset or format it is read through.
 */
@Injectable()
export class FiguresService {
  constructor(
    private readonly cubes: ReleasedCubes,
    private readonly denominators: PopulationDenominators,
    private readonly metadata: CountryMetadataService,
  ) {}

  async released(request: FigureRequest): Promise<FigureTableData> {
    const dataset = datasetById(request.dataset);
    const cube = await this.cubes.cube(dataset, request.release);
    const selection = selectFigures(dataset, cube.extent, request.filter);
    return this.readSelection(cube, selection, request.measure, request.maxCells);
  }

  /**
   * The grand total of a dataset (every dimension but geo and time at TOTAL) per geo and period, with each country's
   * rank among the comparable ones in each period.
   */
  async comparative(request: ComparativeRequest): Promise<ComparativeReportData> {
    const dataset = datasetById(request.dataset);
    const cube = await this.cubes.cube(dataset, request.release);
    const periods = request.periods && request.periods.length > 0 ? request.periods : [latestReportedYear(cube)];
    const filter: FigureFilter = {
      ...(request.countries && request.countries.length > 0 ? { geo: request.countries } : {}),
      time: periods,
      ...Object.fromEntries(dataset.dimensions.map((dimension) => [dimension.id, [TOTAL]])),
    };
    const fieldOf = (dimension: DimensionId): string =>
      dimension === 'geo' ? 'countries' : dimension === 'time' ? 'periods' : `filter.${dimension}`;
    const selection = selectFigures(dataset, cube.extent, filter, fieldOf);
    const table = await this.readSelection(cube, selection, request.measure, MAX_GRAPHQL_CELLS);
    const times = selection.dimensions[1]!.codes.map((code) => code.code);
    // Cells are row-major over (geo, time, TOTAL...): one cell per geo and time, geo-major.
    const rows: ComparativeRowData[] = selection.dimensions[0]!.codes.map((geo, geoIndex) => ({
      geo: geo.code,
      label: geo.label,
      isGroup: isCountryGroup(geo.code),
      values: times.map((time, timeIndex) => {
        const cell = table.cells[geoIndex * times.length + timeIndex]!;
        return { time, value: cell.value, flags: cell.flags, noteIds: cell.noteIds, rank: null, comparable: false };
      }),
    }));
    const ranked = times.map((_, timeIndex) =>
      rankComparable(
        rows.map((row) => ({
          geo: row.geo,
          isGroup: row.isGroup,
          value: row.values[timeIndex]!.value,
          flags: row.values[timeIndex]!.flags,
        })),
      ),
    );
    return {
      table,
      periods: times,
      rows: rows.map((row) => ({
        ...row,
        values: row.values.map((value, timeIndex) => ({
          ...value,
          rank: ranked[timeIndex]!.get(row.geo) ?? null,
          comparable: isComparable({ geo: row.geo, isGroup: row.isGroup, value: value.value, flags: value.flags }),
        })),
      })),
    };
  }

  /** Each country's metadata entries in force in the periods (definition, threshold, footnote), for a report page. */
  async definitions(countries: readonly string[], periods: readonly string[]): Promise<Map<string, DefinitionEntry[]>> {
    const byCountry = await this.metadataByCountry();
    return new Map(
      countries
        .filter((country) => !isCountryGroup(country))
        .map((country) => [country, entriesInForce(byCountry.get(country) ?? [], periods)]),
    );
  }

  /**
   * Turns stored (or freshly protected) cells of a selection into a table: every cell of the selection, rates if
   * asked, notes. Shared by releases and previews so that both read the same way.
   */
  async assemble(
    selection: FigureSelection,
    contents: CubeContents,
    measure: Measure,
    source: TableSource,
    smallCountThreshold: number,
  ): Promise<FigureTableData> {
    let cells = sliceCube(selection, contents);
    const geos = selection.dimensions[0]!.codes.map((code) => code.code);
    const times = selection.dimensions[1]!.codes.map((code) => code.code);
    let populationTable = null;
    if (isRate(measure)) {
      populationTable = await this.denominators.current();
      if (populationTable === null) {
        throw new FiguresException(FiguresErrorCode.NO_POPULATION_TABLE, 'No population table is loaded, so no rate can be computed.', [
          'measure',
        ]);
      }
      const countries = geos.flatMap((geo): readonly string[] => countryGroupById(geo)?.members ?? [geo]);
      const populationOf = await this.denominators.lookup(populationTable.version, countries, times.map(populationYear));
      cells = toRates(cells, measure, (geo, time) => denominator(geo, time, populationOf, contents.coverage));
    }
    const byCountry = await this.metadataByCountry();
    const notes = figureNotes(geos, times, (country) => byCountry.get(country) ?? [], {
      disclosureMethod: source.disclosureMethod,
      smallCountThreshold,
      measure,
      populationTable,
    });
    return {
      dataset: selection.dataset.id,
      title: selection.dataset.title,
      source,
      measure,
      unit: unitOf(measure),
      populationTable,
      dimensions: selection.dimensions,
      cells: cells.map((cell) => ({ ...cell, noteIds: notes.noteIdsOf(cell.codes[0]!, cell.codes[1]!) })),
      notes: notes.notes,
    };
  }

  private async readSelection(
    cube: ReleasedCube,
    selection: FigureSelection,
    measure: Measure,
    maxCells: number,
  ): Promise<FigureTableData> {
    assertSelectionSize(selection, maxCells);
    const cells = await this.cubes.storedCells(cube, selection);
    const source: TableSource = {
      kind: 'RELEASE',
      release: cube.release.number,
      publishedAt: cube.release.publishedAt,
      disclosureMethod: cube.release.disclosureMethod,
    };
    return this.assemble(selection, { coverage: cube.coverage, cells }, measure, source, cube.release.smallCountThreshold);
  }

  private async metadataByCountry(): Promise<Map<string, DefinitionEntry[]>> {
    const byCountry = new Map<string, DefinitionEntry[]>();
    for (const entry of await this.metadata.entries()) {
      const list = byCountry.get(entry.country);
      if (list) list.push(entry);
      else byCountry.set(entry.country, [entry]);
    }
    return byCountry;
  }
}

export function assertSelectionSize(selection: FigureSelection, maxCells: number): void {
  if (selection.cellCount <= maxCells) return;
  const sizes = selection.dimensions.map((dimension) => `${dimension.id} ${dimension.codes.length}`).join(' x ');
  throw new FiguresException(
    FiguresErrorCode.SELECTION_TOO_LARGE,
    `The selection has ${selection.cellCount} cells (${sizes}); at most ${maxCells} per answer: filter some dimensions, or use an export.`,
    ['filter'],
    { cells: selection.cellCount, limit: maxCells },
  );
}

/** The latest year in which some country reported (a release always publishes years beside their quarters). */
function latestReportedYear(cube: ReleasedCube): string {
  const years = cube.extent.times
    .filter((time) => parsePeriod(time).kind === 'year')
    .filter((time) => cube.extent.geos.some((geo) => cube.coverage.get(coverageKey(geo, time))?.reported))
    .sort((a, b) => comparePeriods(parsePeriod(a), parsePeriod(b)));
  return years.at(-1) ?? cube.extent.times.at(-1) ?? String(new Date().getUTCFullYear());
}
