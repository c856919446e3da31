import type { ApolloServer, BaseContext } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { type AuthRequest, type Principal, RequestAuthenticator, Role } from '#app/auth';
import { captureAccessEvents } from '../access-log/access-events.capture.js';
import { HubConfig } from '../config/hub.config.js';
import { ReleasedCubes } from '../figures/released-cubes.reader.js';
import { FigureInputs } from './figure-inputs.js';
import { FiguresCacheService, type PopularRequest } from './figures-cache.service.js';

/**
 * The hub itself, reading released figures as any reader may: the answers it computes are the ones every reader gets.
 * It is never a caller's identity and never written to the access log.
 */
export const CACHE_WARMER: Principal = { subject: 'hub:figures-cache-warmer', roles: [Role.RESEARCHER], countries: [] };

/** What one warm-up did, for its log line and for tests. */
export interface WarmUp {
  readonly generation: number;
  readonly release: number | undefined;
  readonly datasets: number;
  readonly answers: number;
  readonly asked: number;
  /** Set when a newer change (or the shutdown) made the rest of the warm-up pointless. */
  readonly interrupted: boolean;
}

/**
 * After every change of the figures' inputs (a release published, metadata or a population table changed), in the
 * background and one at a time: reads the latest release's datasets those answers read into memory, then computes
 * again the answers the previous generation was asked for most (`FIGURES_CACHE_WARM_ANSWERS`), through the GraphQL server itself so
 * that they are the very answers a caller would get, and stores them. The first callers after a publication then
 * meet warm cubes and, for the popular slices, the cache. A warm-up stops as soon as another change makes it stale.
 */
@Injectable()
export class FiguresCacheWarmer implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('FiguresCache');
  private warming: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private lastWarmUp: WarmUp | undefined;

  constructor(
    private readonly config: HubConfig,
    private readonly inputs: FigureInputs,
    private readonly cache: FiguresCacheService,
    private readonly cubes: ReleasedCubes,
    private readonly authenticator: RequestAuthenticator,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.inputs.onChange((generation) => this.schedule(generation));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.settled();
  }

  /** Resolves once no warm-up is running or queued (what a test awaits before it counts the hub's own work). */
  async settled(): Promise<WarmUp | undefined> {
    let current: Promise<unknown>;
    do {
      current = this.warming;
      await current;
    } while (current !== this.warming);
    return this.lastWarmUp;
  }

  private schedule(generation: number): void {
    // Taken now, synchronously after the change: the cache still holds the previous generation's answers.
    const popular = this.cache.enabled ? this.cache.popular(this.config.figuresCacheWarmAnswers) : [];
    this.warming = this.warming
      .then(() => this.warm(generation, popular))
      .then(
        (warmUp) => {
          this.lastWarmUp = warmUp;
        },
        (error: unknown) => {
          // A failed warm-up costs speed, never an answer: callers compute what is missing.
          this.logger.warn({ msg: 'figures cache warm-up failed', generation, error: error instanceof Error ? error.name : typeof error });
        },
      );
  }

  private stale(generation: number): boolean {
    return this.stopping || this.inputs.current() !== generation;
  }

  private async warm(generation: number, popular: readonly PopularRequest[]): Promise<WarmUp> {
    const started = performance.now();
    const done = (fields: Omit<WarmUp, 'generation' | 'asked'>): WarmUp => {
      const warmUp = { generation, asked: popular.length, ...fields };
      this.logger.log({ msg: 'figures cache warmed', ...warmUp, ms: Math.round(performance.now() - started) });
      return warmUp;
    };
    if (this.stale(generation)) return done({ release: undefined, datasets: 0, answers: 0, interrupted: true });
    // Nobody asked for anything yet (a hub just started, a test publishing releases): nothing is worth warming.
    if (popular.length === 0) return done({ release: undefined, datasets: 0, answers: 0, interrupted: false });
    const release = await this.cubes.latestNumber();
    if (release === undefined) return done({ release, datasets: 0, answers: 0, interrupted: false });
    const asked = new Set(popular.flatMap((request) => request.datasets));
    const datasets = (await this.cubes.warmRelease(release, asked, () => this.stale(generation))).length;
    let answers = 0;
    for (const request of popular) {
      if (this.stale(generation)) return done({ release, datasets, answers, interrupted: true });
      if (await this.replay(request)) answers += 1;
    }
    return done({ release, datasets, answers, interrupted: this.stale(generation) });
  }

  /** Computes one answer again as the server would for a caller; whether the cache holds it afterwards. */
  private async replay(request: PopularRequest): Promise<boolean> {
    const internal: AuthRequest = { headers: {} };
    const pending = this.cache.expectWarming(internal, request.key, request.requests);
    // A caller asked for it first: it is already there.
    if (pending === undefined) return this.cache.holds(request.key);
    this.authenticator.actAs(internal, CACHE_WARMER);
    await captureAccessEvents(
      pending.accessEvents,
      () => this.apollo().executeOperation({ ...request.replay }, { contextValue: { req: internal } }),
      { written: false },
    );
    return this.cache.holds(request.key);
  }

  private apollo(): ApolloServer<BaseContext> {
    return this.moduleRef.get<GraphQLModule<ApolloDriver>>(GraphQLModule, { strict: false }).graphQlAdapter.instance;
  }
}
