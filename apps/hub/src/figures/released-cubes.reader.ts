import { Injectable } from '@nestjs/common';
import { comparePeriods, DATASET_IDS, parsePeriod, type DatasetDefinition } from '#app/standard';
import { compareGeos, datasetById } from '../catalogue/geo-codes.js';
import type { ReleaseModel } from '../releases/release.model.js';
import { coverageKey } from '../releases/release-plan.js';
import { ReleasesErrorCode, ReleasesException } from '../releases/releases.exception.js';
import { ReleasesRepository } from '../releases/releases.repository.js';
import { ReleasesService } from '../releases/releases.service.js';
import type { CubeCoverage, StoredValue } from './cube-slice.js';
import type { CubeExtent, FigureSelection } from './figure-selection.js';
import { FiguresErrorCode, FiguresException } from './figures.exception.js';

export interface ReleasedCube {
  readonly release: ReleaseModel;
  readonly extent: CubeExtent;
  readonly coverage: ReadonlyMap<string, CubeCoverage>;
  /** Cells stored for the dataset in this release. */
  readonly storedCells: number;
}

/** Cubes (release, coverage, extent) kept in memory; each is a few hundred coverage rows. */
const MAX_CACHED_CUBES = 64;
/** Stored cells kept in memory across cubes, about 200 bytes each; a larger dataset is read from the database per request. */
const CACHED_CELLS_BUDGET = 400_000;

/**
 * Reads released cubes: the release asked for (or the latest), its coverage, and the stored cells of a selection.
 * Releases are immutable (the database refuses any change), so what is read of one is kept in memory and never goes
 * stale; only "which release is the latest" is asked of the database every time.
 */
@Injectable()
export class ReleasedCubes {
  private readonly cubes = new BoundedCache<ReleasedCube>(MAX_CACHED_CUBES, () => 1);
  private readonly cells = new BoundedCache<ReadonlyMap<string, StoredValue>>(CACHED_CELLS_BUDGET, (cells) => cells.size);

  constructor(
    private readonly repository: ReleasesRepository,
    private readonly releases: ReleasesService,
  ) {}

  /** The named release (RELEASE_NOT_FOUND if there is none of that number) or the latest one (NO_RELEASE if none). */
  async release(number?: number | null): Promise<ReleaseModel> {
    const wanted = number ?? (await this.latestNumber());
    if (wanted === undefined) throw new FiguresException(FiguresErrorCode.NO_RELEASE, 'No release has been published yet.', ['release']);
    try {
      return await this.releases.get(wanted);
    } catch (error) {
      // The releases service names its own argument; here the caller's is `release`.
      if (error instanceof ReleasesException && error.code === ReleasesErrorCode.RELEASE_NOT_FOUND) {
        throw new ReleasesException(ReleasesErrorCode.RELEASE_NOT_FOUND, error.message, ['release']);
      }
      throw error;
    }
  }

  /** The latest release number, or undefined: one indexed lookup. */
  async latestNumber(): Promise<number | undefined> {
    return (await this.repository.latestNumber()) ?? undefined;
  }

  async cube(dataset: DatasetDefinition, number?: number | null): Promise<ReleasedCube> {
    const wanted = number ?? (await this.latestNumber());
    if (wanted === undefined) throw new FiguresException(FiguresErrorCode.NO_RELEASE, 'No release has been published yet.', ['release']);
    return this.cubes.get(`${wanted}|${dataset.id}`, () => this.readCube(dataset, wanted));
  }

  /**
   * Stored cells of a selection, keyed like releases/ keys them. A dataset small enough is read whole once and kept;
   * a larger one is read per request, the database filtering every dimension.
   */
  async storedCells(cube: ReleasedCube, selection: FigureSelection): Promise<ReadonlyMap<string, StoredValue>> {
    const release = cube.release.number;
    if (cube.storedCells <= CACHED_CELLS_BUDGET / 2) {
      return this.cells.get(`${release}|${selection.dataset.id}`, () => this.readCells(release, selection.dataset.id));
    }
    return this.readCells(release, selection.dataset.id, selection);
  }

  /**
   * Reads datasets of a release into memory (each cube, and its stored cells when they fit the budget), as the first
   * requests after a publication would; the datasets read. `stop` is asked before each one.
   */
  async warmRelease(number: number, datasets: ReadonlySet<string>, stop: () => boolean = () => false): Promise<string[]> {
    const warmed: string[] = [];
    for (const stored of await this.releases.datasets(number)) {
      if (stop()) break;
      // A release may hold a dataset this hub's catalogue no longer serves; nobody can ask for it.
      if (!datasets.has(stored.dataset) || !(DATASET_IDS as readonly string[]).includes(stored.dataset)) continue;
      const dataset = datasetById(stored.dataset);
      const cube = await this.cube(dataset, number);
      if (cube.storedCells <= CACHED_CELLS_BUDGET / 2) {
        await this.cells.get(`${number}|${dataset.id}`, () => this.readCells(number, dataset.id));
      }
      warmed.push(dataset.id);
    }
    return warmed;
  }

  private async readCube(dataset: DatasetDefinition, number: number): Promise<ReleasedCube> {
    const release = await this.release(number);
    const stored = (await this.releases.datasets(release.number)).find((entry) => entry.dataset === dataset.id);
    const expected = dataset.dimensions.map((dimension) => dimension.id);
    if (stored === undefined || stored.dimensionIds.join(',') !== expected.join(',')) {
      throw new FiguresException(
        FiguresErrorCode.DATASET_NOT_IN_RELEASE,
        `Release ${release.number} has no dataset ${dataset.id} with dimensions ${expected.join(', ')}.`,
        ['dataset'],
      );
    }
    const rows = await this.releases.coverage(release.number);
    const coverage = new Map<string, CubeCoverage>();
    const geos = new Set<string>();
    const times = new Set<string>();
    for (const row of rows) {
      coverage.set(coverageKey(row.geo, row.time), {
        reported: row.reported,
        flags: row.flags,
        breakdownsNotCollected: row.breakdownsNotCollected,
      });
      geos.add(row.geo);
      times.add(row.time);
    }
    return {
      release,
      extent: {
        geos: [...geos].sort(compareGeos),
        times: [...times].sort((a, b) => comparePeriods(parsePeriod(a), parsePeriod(b))),
      },
      coverage,
      storedCells: stored.cellCount,
    };
  }

  private async readCells(release: number, dataset: string, selection?: FigureSelection): Promise<Map<string, StoredValue>> {
    if (selection === undefined) return this.repository.releasedCells(release, dataset);
    const [geo = [], time = [], ...dimensions] = selection.dimensions.map((dimension) => dimension.codes.map((code) => code.code));
    return this.repository.releasedCells(release, dataset, { geo, time, dimensions });
  }
}

/**
 * Least-recently-used values up to a budget (a count, or a size each value reports). Holds the promise while a value
 * loads, so concurrent requests for one release read it once; a failed load is forgotten, never cached.
 */
class BoundedCache<V> {
  private readonly entries = new Map<string, { promise: Promise<V>; size: number }>();
  private used = 0;

  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const found = this.entries.get(key);
    if (found !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.promise;
    }
    const entry = { promise: load(), size: 0 };
    this.entries.set(key, entry);
    entry.promise.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.size = this.sizeOf(value);
        this.used += entry.size;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.promise;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.used <= this.budget || this.entries.size <= 1) return;
      this.entries.delete(key);
      this.used -= entry.size;
    }
  }
}
