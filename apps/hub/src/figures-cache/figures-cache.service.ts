import { Injectable } from '@nestjs/common';
import type { Principal } from '#app/auth';
import { entityTagOf } from '#app/platform';
import type { CapturedAccess } from '../access-log/access-events.capture.js';
import { HubConfig } from '../config/hub.config.js';
import { FIGURE_READERS } from '../figures/figure-roles.js';
import { AnswerCache, type CachedAnswer } from './answer-cache.js';
import { answerKeyOf } from './answer-key.js';
import { FigureInputs } from './figure-inputs.js';

/** What the access log recorded for the answer: replayed, with the new caller, each time it is served again. */
export type AnswerAccessEvents = readonly CapturedAccess[];

/** A request that may be cached once answered: its key, the inputs' generation it started in, its access events. */
export interface PendingAnswer {
  readonly key: string;
  readonly generation: number;
  readonly accessEvents: CapturedAccess[];
}

/**
 * Serialised answers of released figures. Every caller allowed to read released figures sees the same figures
 * (docs/ARCHITECTURE.md: released figures are public statistics, protected once per release), so they share one
 * visibility class; a caller outside it is never served from the cache and meets the resolvers' guard instead.
 */
@Injectable()
export class FiguresCacheService {
  private readonly answers: AnswerCache<AnswerAccessEvents>;
  private readonly pending = new WeakMap<object, PendingAnswer>();

  constructor(
    config: HubConfig,
    private readonly inputs: FigureInputs,
  ) {
    this.answers = new AnswerCache(config.figuresCacheBytes);
  }

  /**
   * The cached answer of a request's GraphQL parameters, or undefined; when there is none and the request could be
   * cached, it is remembered so that its answer can be stored (`pendingFor`).
   */
  lookup(request: object, parameters: unknown): CachedAnswer<AnswerAccessEvents> | undefined {
    if (!this.answers.enabled) return undefined;
    const generation = this.inputs.current();
    const key = answerKeyOf(parameters);
    if (key === undefined) return undefined;
    const found = this.answers.get(generation, key);
    if (found === undefined) this.pending.set(request, { key, generation, accessEvents: [] });
    return found;
  }

  pendingFor(request: object): PendingAnswer | undefined {
    return this.pending.get(request);
  }

  /** Stores an answer unless the figures' inputs changed while it was computed; its entity tag, or undefined. */
  store(pending: PendingAnswer, bytes: Buffer): string | undefined {
    if (this.inputs.current() !== pending.generation) return undefined;
    const entityTag = entityTagOf(bytes);
    this.answers.set(pending.generation, pending.key, { bytes, entityTag, extra: [...pending.accessEvents] });
    return entityTag;
  }
}

/** Whether a caller may be served a cached answer of released figures. */
export function readsReleasedFigures(principal: Principal | undefined): principal is Principal {
  return principal !== undefined && principal.roles.some((role) => FIGURE_READERS.includes(role));
}
