import { describe, it } from '@jest/globals';
import { expectCommittedSdl } from '../support/sdl-drift.js';

// One app per test file: @nestjs/graphql keeps one type registry per module registry, and jest gives each file its own.
describe('committed GraphQL SDL of a national node', () => {
  it('schemas/node.graphql equals the schema the code generates', () => expectCommittedSdl('node'));
});
