import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { revocationPromise } from './revocation-promise.js';

describe('the revocation promise', () => {
  it('is the one docs/DISCLOSURE-CONTROL.md states, word for word', () => {
    const docs = readFileSync(new URL('../../../../docs/DISCLOSURE-CONTROL.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('### What a revocation promises'));
    const quoted = section
      .split('\n')
      .filter((line) => line.startsWith('> '))
      .map((line) => line.slice(2))
      .join(' ');
    expect(quoted).toBe(revocationPromise(7).replace('at least 7 persons', 'at least `m` persons'));
  });

  it('says changes apply at once when the minimum is 1', () => {
    expect(revocationPromise(1)).toContain('Every release from the next one on leaves the person out.');
    expect(revocationPromise(1)).not.toContain('at least');
  });
});
