import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { AuthConfigError, DEV_ISSUER, OBSERVATORY_AUDIENCE, resolveAuthConfig, validateAuthConfig } from './auth-config.js';

describe('resolveAuthConfig', () => {
  it('uses the development issuer outside production when no key set is configured', () => {
    expect(resolveAuthConfig({ NODE_ENV: 'development', DEV_ISSUER_DIR: '/tmp/dev-issuer' })).toEqual({
      mode: 'DEV_ISSUER',
      devIssuerDir: '/tmp/dev-issuer',
      jwksFile: join('/tmp/dev-issuer', 'jwks.json'),
      issuer: DEV_ISSUER,
      audience: OBSERVATORY_AUDIENCE,
      clockToleranceSeconds: 30,
      rateLimitPerMinute: 600,
    });
    expect(resolveAuthConfig({}).mode).toBe('DEV_ISSUER');
  });

  it('refuses the development issuer in production, naming the variables to set', () => {
    expect(() => resolveAuthConfig({ NODE_ENV: 'production' })).toThrow(AuthConfigError);
    expect(() => resolveAuthConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_FILE.*AUTH_JWKS_URL/);
    expect(() => resolveAuthConfig({ NODE_ENV: 'production', AUTH_JWKS_FILE: '/etc/thb/jwks.json', AUTH_ISSUER: DEV_ISSUER })).toThrow(
      /AUTH_ISSUER/,
    );
  });

  it('reads a JWKS file or URL with its issuer', () => {
    expect(
      resolveAuthConfig({
        NODE_ENV: 'production',
        AUTH_JWKS_FILE: '/etc/thb/jwks.json',
        AUTH_ISSUER: 'https://id.example.test',
        AUTH_CLOCK_TOLERANCE_SECONDS: '5',
        AUTH_RATE_LIMIT_PER_MINUTE: '120',
      }),
    ).toEqual({
      mode: 'JWKS_FILE',
      jwksFile: '/etc/thb/jwks.json',
      issuer: 'https://id.example.test',
      audience: OBSERVATORY_AUDIENCE,
      clockToleranceSeconds: 5,
      rateLimitPerMinute: 120,
    });
    const remote = resolveAuthConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://id.example.test/realms/thb/protocol/openid-connect/certs',
      AUTH_ISSUER: 'https://id.example.test/realms/thb',
      AUTH_AUDIENCE: 'thb-hub',
    });
    expect(remote).toMatchObject({ mode: 'JWKS_URL', audience: 'thb-hub' });
  });

  it('names the variable that is wrong', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ AUTH_JWKS_FILE: 'a.json', AUTH_JWKS_URL: 'https://x.test/certs', AUTH_ISSUER: 'i' }, /both set/],
      [{ AUTH_JWKS_FILE: 'a.json' }, /AUTH_ISSUER must be set with AUTH_JWKS_FILE/],
      [{ AUTH_ISSUER: 'https://id.example.test' }, /AUTH_ISSUER is set but neither/],
      [{ AUTH_CLOCK_TOLERANCE_SECONDS: '301' }, /clockToleranceSeconds/],
      [{ AUTH_CLOCK_TOLERANCE_SECONDS: '-1' }, /AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number/],
      [{ AUTH_RATE_LIMIT_PER_MINUTE: '0' }, /rateLimitPerMinute/],
      [{ AUTH_JWKS_URL: 'ftp://x.test/certs', AUTH_ISSUER: 'i' }, /AUTH_JWKS_URL must be an http\(s\) URL/],
      [{ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://id.example.test/certs', AUTH_ISSUER: 'i' }, /https in production/],
    ];
    for (const [env, message] of cases) {
      expect(() => resolveAuthConfig(env)).toThrow(message);
    }
    expect(resolveAuthConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://127.0.0.1:8080/certs', AUTH_ISSUER: 'i' }).mode).toBe(
      'JWKS_URL',
    );
  });
});

describe('validateAuthConfig', () => {
  const base = { issuer: 'i', audience: 'a', clockToleranceSeconds: 0, rateLimitPerMinute: 1, jwksFile: 'k.json' } as const;

  it('bounds the clock tolerance to 300 seconds', () => {
    expect(validateAuthConfig({ ...base, clockToleranceSeconds: 300 })).toBeDefined();
    expect(() => validateAuthConfig({ ...base, clockToleranceSeconds: 301 })).toThrow(AuthConfigError);
  });

  it('refuses empty issuer or audience', () => {
    expect(() => validateAuthConfig({ ...base, issuer: ' ' })).toThrow(/issuer/);
    expect(() => validateAuthConfig({ ...base, audience: '' })).toThrow(/audience/);
  });
});
