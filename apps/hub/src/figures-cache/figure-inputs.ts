import { Injectable } from '@nestjs/common';

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
  private generation = 0;

  async changing<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      // Moved on even after a failure: a commit whose acknowledgement was lost may still have happened.
      this.generation += 1;
    }
  }

  current(): number {
    return this.generation;
  }
}
