import { Injectable } from '@nestjs/common';
import { ReleasedCubes } from './released-cubes.reader.js';

/**
 * What "the latest release" means for one request: looked up once per HTTP request, so that every root field of one
 * answer reads the same release even when another is published while the answer is being built.
 */
@Injectable()
export class LatestReleaseLoader {
  private readonly latest = new WeakMap<object, Promise<number | undefined>>();

  constructor(private readonly cubes: ReleasedCubes) {}

  /** The release number asked for, or the request's latest one (undefined when none is published yet). */
  async resolve(request: object, asked: number | null | undefined): Promise<number | undefined> {
    if (asked !== null && asked !== undefined) return asked;
    let found = this.latest.get(request);
    if (found === undefined) {
      found = this.cubes.latestNumber();
      this.latest.set(request, found);
    }
    return found;
  }
}
