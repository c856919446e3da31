import { Injectable } from '@nestjs/common';
import {
  diffSdmxCsv,
  FormatsException,
  FormatsExceptionCode,
  stringifyJsonStat,
  toCsv,
  toJsonStat,
  toSdmxCsv,
  type FigureTable,
} from '#app/formats';
import { datasetById } from '../catalogue/geo-codes.js';
import { CountryMetadataService } from '../country-metadata/country-metadata.service.js';
import { FiguresErrorCode, FiguresException } from '../figures/figures.exception.js';
import { FiguresService, MAX_EXPORT_CELLS } from '../figures/figures.service.js';
import { isRate } from '../figures/measure.js';
import { PopulationDenominators } from '../figures/population-denominators.js';
import { ReleasedCubes } from '../figures/released-cubes.reader.js';
import { textChunks } from './chunked-response.js';
import { CONTENT_TYPES, exportEntityTag, FILE_EXTENSIONS, type ExportRequest } from './export-request.js';
import { FiguresCacheService, MAX_CACHED_EXPORT_BYTES } from '../figures-cache/figures-cache.service.js';
import { ExportsErrorCode, ExportsException } from './exports.exception.js';
import { toFormatsTable } from './format-table.js';

/** SDMX structure of the hub's dataflows: `THB_OBS:VICTIMS_SEX_AGE(1.0.0)`. */
export const SDMX_AGENCY = 'THB_OBS';
export const SDMX_VERSION = '1.0.0';

/** An export resolved to its release and entity tag, before any cell is read. */
export interface PreparedExport {
  readonly dataset: string;
  readonly release: number;
  readonly request: ExportRequest;
  readonly entityTag: string;
}

export interface RenderedExport {
  readonly contentType: string;
  readonly fileName: string;
  readonly chunks: Iterable<string | Buffer>;
  /** Whether the bytes came from the figures cache rather than from the cells. */
  readonly cached: boolean;
}

/** Released figures in the dissemination formats, read through the figures service like every other output. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly metadata: CountryMetadataService,
    private readonly figures: FiguresService,
    private readonly cubes: ReleasedCubes,
    private readonly denominators: PopulationDenominators,
    private readonly cache: FiguresCacheService,
  ) {}

  /**
   * Resolves the release and the entity tag with two small queries. Besides the release, the tag covers the country
   * metadata (its notes are in the output and may be edited after a release) and, for rates, the population table.
   */
  async prepare(dataset: string, request: ExportRequest): Promise<PreparedExport> {
    const definition = datasetById(dataset);
    const release = request.release ?? (await this.cubes.latestNumber());
    if (release === undefined) throw new FiguresException(FiguresErrorCode.NO_RELEASE, 'No release has been published yet.', ['release']);
    if (request.diff !== undefined && request.diff >= release) {
      throw new ExportsException(ExportsErrorCode.INVALID_DIFF, `diff must name a release before ${release}.`, ['diff']);
    }
    const population = isRate(request.measure) ? ((await this.denominators.current())?.version ?? null) : null;
    const stamp = await this.metadata.stamp();
    return {
      dataset: definition.id,
      release,
      request,
      entityTag: exportEntityTag(definition.id, release, request, `${population}|${stamp}`),
    };
  }

  /** Reads the cells and returns the output as chunks; a table the writers refuse fails here, before any byte is sent. */
  async render(prepared: PreparedExport): Promise<RenderedExport> {
    const { request } = prepared;
    const extension = FILE_EXTENSIONS[request.format];
    const fileName = `${prepared.dataset}-r${prepared.release}${request.diff === undefined ? '' : `-diff-r${request.diff}`}.${extension}`;
    const cached = this.cache.export(prepared.entityTag);
    if (cached !== undefined) return { contentType: CONTENT_TYPES[request.format], fileName, chunks: [cached], cached: true };
    const generation = this.cache.generation();
    const current = await this.table(prepared, prepared.release);
    try {
      let chunks: Iterable<string>;
      switch (request.format) {
        case 'jsonstat':
          chunks = textChunks(stringifyJsonStat(toJsonStat(current, { maxPositions: MAX_EXPORT_CELLS })));
          break;
        case 'csv':
          chunks = toCsv(current);
          break;
        case 'sdmx-csv':
          chunks =
            request.diff === undefined
              ? toSdmxCsv(current, { agency: SDMX_AGENCY, version: SDMX_VERSION })
              : diffSdmxCsv(await this.table(prepared, request.diff), current, { agency: SDMX_AGENCY, version: SDMX_VERSION });
          break;
      }
      return {
        contentType: CONTENT_TYPES[request.format],
        fileName,
        chunks: this.keptOnceWritten(generation, prepared.entityTag, chunks),
        cached: false,
      };
    } catch (error) {
      if (error instanceof FormatsException && error.code === FormatsExceptionCode.TOO_LARGE) {
        throw new ExportsException(ExportsErrorCode.EXPORT_TOO_LARGE, 'The export is too large; filter some dimensions.', []);
      }
      throw error;
    }
  }

  /**
   * The chunks as they are written, held meanwhile and stored in the cache once the last one is out; an export larger
   * than the cache takes one, or one the client abandoned half-way, is not kept.
   */
  private *keptOnceWritten(generation: number, entityTag: string, chunks: Iterable<string>): Generator<string | Buffer, void, undefined> {
    let held: Buffer[] | undefined = [];
    let heldBytes = 0;
    for (const chunk of chunks) {
      if (held !== undefined) {
        const bytes = Buffer.from(chunk);
        heldBytes += bytes.length;
        if (heldBytes > MAX_CACHED_EXPORT_BYTES) held = undefined;
        else held.push(bytes);
      }
      yield chunk;
    }
    if (held !== undefined) this.cache.storeExport(generation, entityTag, Buffer.concat(held));
  }

  private async table(prepared: PreparedExport, release: number): Promise<FigureTable> {
    const table = await this.figures.released({
      dataset: prepared.dataset,
      release,
      filter: prepared.request.filter,
      measure: prepared.request.measure,
      maxCells: MAX_EXPORT_CELLS,
    });
    return toFormatsTable(table);
  }
}
