import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '#app/platform';
import { HubConfig } from './hub.config.js';

const base = { DATA_DIR: '/tmp/thb-hub-config-spec', DEV_ISSUER_DIR: '/tmp/thb-hub-config-spec/dev-issuer' };

describe('HubConfig', () => {
  it('defaults to the cell key method, k = 5, two open quarters and a key folder in the data folder', () => {
    const config = HubConfig.fromEnv(base);
    expect(config.release).toEqual({
      disclosure: {
        method: 'CELL_KEY',
        threshold: 5,
        auditSuppression: true,
        perturbation: { maxDeviation: 3, variance: 2, smallValueGap: 2 },
      },
      provisionalQuarters: 2,
      revisionMinChanges: 5,
    });
    expect(config.keyDir).toBe('/tmp/thb-hub-config-spec/keys');
    expect(config.auth.mode).toBe('DEV_ISSUER');
  });

  it('refuses unprotected releases outside tests unless explicitly allowed', () => {
    expect(() => HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'NONE' })).toThrow(ConfigurationError);
    expect(() => HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'NONE' })).toThrow(/DISCLOSURE_METHOD/);
    expect(HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'NONE', NODE_ENV: 'test' }).release.disclosure.method).toBe('NONE');
    expect(HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'NONE', ALLOW_UNPROTECTED_RELEASES: 'true' }).release.disclosure.method).toBe(
      'NONE',
    );
  });

  it('names the variable of a bad value', () => {
    expect(() => HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'NOISE' })).toThrow(/DISCLOSURE_METHOD/);
    expect(() => HubConfig.fromEnv({ ...base, DISCLOSURE_K: '0' })).toThrow(/DISCLOSURE_K/);
    expect(() => HubConfig.fromEnv({ ...base, DISCLOSURE_PTABLE_V: '-1' })).toThrow(/DISCLOSURE_PTABLE_V/);
    expect(() => HubConfig.fromEnv({ ...base, PROVISIONAL_QUARTERS: 'two' })).toThrow(/PROVISIONAL_QUARTERS/);
    expect(() => HubConfig.fromEnv({ ...base, DISCLOSURE_REVISION_MIN_CHANGES: '0' })).toThrow(/DISCLOSURE_REVISION_MIN_CHANGES/);
    expect(() => HubConfig.fromEnv({ ...base, NODE_ENV: 'production' })).toThrow(/AUTH/);
  });

  it('reads the suppression settings', () => {
    const config = HubConfig.fromEnv({
      ...base,
      DISCLOSURE_METHOD: 'SUPPRESSION',
      DISCLOSURE_K: '3',
      DISCLOSURE_SUPPRESSION_AUDIT: 'true',
    });
    expect(config.release.disclosure).toMatchObject({ method: 'SUPPRESSION', threshold: 3, auditSuppression: true });
  });

  it('audits suppression patterns unless told not to, since the rules alone can leave cells recomputable', () => {
    expect(HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'SUPPRESSION' }).release.disclosure.auditSuppression).toBe(true);
    const unaudited = HubConfig.fromEnv({ ...base, DISCLOSURE_METHOD: 'SUPPRESSION', DISCLOSURE_SUPPRESSION_AUDIT: 'false' });
    expect(unaudited.release.disclosure.auditSuppression).toBe(false);
  });

  it('caps the tokens of a GraphQL document, so the parser stops early', () => {
    // Found by the reliability corpus: without the cap a document of a million field names was parsed whole.
    expect(HubConfig.fromEnv(base).queryLimits.maxTokens).toBe(6000);
    expect(HubConfig.fromEnv({ ...base, QUERY_MAX_TOKENS: '20000' }).queryLimits.maxTokens).toBe(20000);
  });
});
