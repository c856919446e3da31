import { Injectable, Logger } from '@nestjs/common';

/** Told the new generation once a change is over, before any request can see it. */
export type FigureInputsListener = (generation: number) => void;

/**
 * The generation of everything a released figure's answer is made of besides its request: releases, country
 * metadata (notes, definitions) and population tables (rates). Whatever changes one of them runs inside `changing`,
 * and the generation moves on once the change is committed, so every answer cached before it is stale after it.
 * An answer is stored only under the generation its request started in, and only if that is still the current one
 * when it is complete: one computed across a change is not kept. One hub process owns its database, so the count
 * lives in memory.
 */
@Injectable()
export class FigureInputs {
  private readonly logger = new Logger('FigureInputs');
  private generation = 0;
  private readonly listeners: FigureInputsListener[] = [];

  async changing<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      // Moved on even after a failure: a commit whose acknowledgement was lost may still have happened.
      this.generation += 1;
      for (const listener of this.listeners) {
        try {
          listener(this.generation);
        } catch (error) {
          // A listener (the cache's warm-up) must never fail the change that was committed.
          this.logger.warn({ msg: 'figure inputs listener failed', error: error instanceof Error ? error.name : typeof error });
        }
      }
    }
  }

  current(): number {
    return this.generation;
  }

  /** Calls `listener` after every change, synchronously, in the order listeners were added. */
  onChange(listener: FigureInputsListener): void {
    this.listeners.push(listener);
  }
}
