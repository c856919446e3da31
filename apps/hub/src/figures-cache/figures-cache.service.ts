import { Injectable } from '@nestjs/common';
import type { Principal } from '#app/auth';
import { entityTagOf } from '#app/platform';
import type { CapturedAccess } from '../access-log/access-events.capture.js';
import { HubConfig } from '../config/hub.config.js';
import { FIGURE_READERS } from '../figures/figure-roles.js';
import { AnswerCache, type CachedAnswer } from './answer-cache.js';
import { answerKeyOf } from './answer-key.js';
import { FigureInputs } from './figure-inputs.js';

/** The operation of a cached answer as text, so that it can be computed again for a new generation. */
export interface ReplayableRequest {
  readonly query: string;
  readonly operationName?: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

/**
 * What serving an answer again repeats (its access-log events, with the new caller) and how to compute it again
 * (none for an export, which its controller logs and which is not warmed).
 */
export interface AnswerRecord {
  readonly accessEvents: readonly CapturedAccess[];
  readonly replay?: ReplayableRequest;
}

/** An export larger than this is streamed from the cells every time rather than held (a 1 200-cell CSV is ~60 KiB). */
export const MAX_CACHED_EXPORT_BYTES = 8 * 1024 * 1024;

/** A request that may be cached once answered: its key, the inputs' generation it started in, its access events. */
export interface PendingAnswer {
  readonly key: string;
  readonly generation: number;
  readonly accessEvents: CapturedAccess[];
  /** Requests the answer counts once stored: 1 for a caller's, the earlier count for a warmed one (it keeps its rank). */
  readonly requests: number;
}

/** A popular answer of the cache, to compute again after a change. */
export interface PopularRequest {
  readonly key: string;
  readonly replay: ReplayableRequest;
  readonly requests: number;
  /** The datasets its answer read (from its access-log events). */
  readonly datasets: readonly string[];
}

/**
 * Serialised answers of released figures. Every caller allowed to read released figures sees the same figures
 * (docs/ARCHITECTURE.md: released figures are public statistics, protected once per release), so they share one
 * visibility class; a caller outside it is never served from the cache and meets the resolvers' guard instead.
 */
@Injectable()
export class FiguresCacheService {
  private readonly answers: AnswerCache<AnswerRecord>;
  private readonly pending = new WeakMap<object, PendingAnswer>();

  constructor(
    config: HubConfig,
    private readonly inputs: FigureInputs,
  ) {
    this.answers = new AnswerCache(config.figuresCacheBytes);
  }

  get enabled(): boolean {
    return this.answers.enabled;
  }

  /**
   * The cached answer of a request's GraphQL parameters, or undefined; when there is none and the request could be
   * cached, it is remembered so that its answer can be stored (`pendingFor`).
   */
  lookup(request: object, parameters: unknown): CachedAnswer<AnswerRecord> | undefined {
    if (!this.answers.enabled) return undefined;
    const generation = this.inputs.current();
    const key = answerKeyOf(parameters);
    if (key === undefined) return undefined;
    const found = this.answers.get(generation, key);
    if (found === undefined) this.pending.set(request, { key, generation, accessEvents: [], requests: 1 });
    return found;
  }

  /**
   * Remembers an internal request computing `key` again in the current generation, unless it is already there:
   * a caller asked for it meanwhile. Returns what to pass to the access-log capture, or undefined.
   */
  expectWarming(request: object, key: string, requests: number): PendingAnswer | undefined {
    const generation = this.inputs.current();
    if (!this.answers.enabled || this.answers.holds(generation, key)) return undefined;
    const pending = { key, generation, accessEvents: [], requests };
    this.pending.set(request, pending);
    return pending;
  }

  pendingFor(request: object): PendingAnswer | undefined {
    return this.pending.get(request);
  }

  /** Stores an answer unless the figures' inputs changed while it was computed; its entity tag, or undefined. */
  store(pending: PendingAnswer, bytes: Buffer, replay: ReplayableRequest): string | undefined {
    if (this.inputs.current() !== pending.generation) return undefined;
    const entityTag = entityTagOf(bytes);
    const record: AnswerRecord = { accessEvents: [...pending.accessEvents], replay };
    this.answers.set(pending.generation, pending.key, { bytes, entityTag, extra: record }, pending.requests);
    return entityTag;
  }

  /** The rendered bytes of an export by its entity tag (which names its release, request and reference data). */
  export(entityTag: string): Buffer | undefined {
    if (!this.answers.enabled) return undefined;
    return this.answers.get(this.inputs.current(), exportKey(entityTag))?.bytes;
  }

  /** The generation an export's rendering starts in, to hand back to `storeExport`. */
  generation(): number {
    return this.inputs.current();
  }

  /** Keeps a rendered export, unless it is too large or the inputs changed since `generation`. */
  storeExport(generation: number, entityTag: string, bytes: Buffer): void {
    if (!this.answers.enabled || bytes.length > MAX_CACHED_EXPORT_BYTES || this.inputs.current() !== generation) return;
    this.answers.set(generation, exportKey(entityTag), { bytes, entityTag, extra: { accessEvents: [] } });
  }

  /** Whether the current generation holds an answer for `key`. */
  holds(key: string): boolean {
    return this.answers.holds(this.inputs.current(), key);
  }

  /** The `limit` most requested answers held now (of the previous generation, when asked right after a change). */
  popular(limit: number): PopularRequest[] {
    const popular: PopularRequest[] = [];
    for (const { key, answer, requests } of this.answers.mostRequested(Number.MAX_SAFE_INTEGER)) {
      if (popular.length >= limit) break;
      if (answer.extra.replay === undefined) continue;
      const datasets = [...new Set(answer.extra.accessEvents.flatMap((event) => (event.dataset === undefined ? [] : [event.dataset])))];
      popular.push({ key, replay: answer.extra.replay, requests, datasets });
    }
    return popular;
  }
}

/** Exports live beside GraphQL answers under keys no GraphQL request has (those are JSON arrays). */
function exportKey(entityTag: string): string {
  return `export:${entityTag}`;
}

/** Whether a caller may be served a cached answer of released figures. */
export function readsReleasedFigures(principal: Principal | undefined): principal is Principal {
  return principal !== undefined && principal.roles.some((role) => FIGURE_READERS.includes(role));
}
