import { describe, expect, it } from '@jest/globals';
import { NodeConfig } from './node.config.js';

const base = { DATA_DIR: '/var/lib/thb-node' };

describe('NodeConfig', () => {
  it('boots with nothing but DATA_DIR, using development defaults', () => {
    const config = NodeConfig.fromEnv(base);
    expect(config).toMatchObject({
      nodeId: 'node-at',
      country: 'AT',
      hub: { url: 'http://127.0.0.1:3000', jwksFile: undefined },
      keyDir: '/var/lib/thb-node/keys',
      masterSecret: undefined,
      outbox: { baseDelayMs: 1_000, maxDelayMs: 300_000, unreachableMaxDelayMs: 5_000, pollIntervalMs: 2_000, requestTimeoutMs: 15_000 },
      disclosureThreshold: 5,
    });
    expect(config.auth.mode).toBe('DEV_ISSUER');
  });

  it('reads every setting', () => {
    const config = NodeConfig.fromEnv({
      ...base,
      NODE_ID: 'node-el',
      NODE_COUNTRY: 'EL',
      HUB_URL: 'https://hub.example.org/',
      HUB_JWKS_FILE: '/etc/thb/hub-jwks.json',
      KEY_DIR: '/etc/thb/keys',
      NODE_MASTER_SECRET: 'A'.repeat(43),
      OUTBOX_BASE_DELAY_MS: '500',
      OUTBOX_MAX_DELAY_MS: '60000',
      OUTBOX_POLL_INTERVAL_MS: '250',
      DISCLOSURE_K: '3',
    });
    expect(config).toMatchObject({
      nodeId: 'node-el',
      country: 'EL',
      hub: { url: 'https://hub.example.org', jwksFile: '/etc/thb/hub-jwks.json' },
      keyDir: '/etc/thb/keys',
      masterSecret: 'A'.repeat(43),
      outbox: { baseDelayMs: 500, maxDelayMs: 60_000, pollIntervalMs: 250 },
      disclosureThreshold: 3,
    });
  });

  it.each([
    [{ NODE_ID: 'node at' }, 'NODE_ID'],
    [{ NODE_COUNTRY: 'GR' }, 'NODE_COUNTRY'],
    [{ NODE_COUNTRY: 'at' }, 'NODE_COUNTRY'],
    [{ HUB_URL: 'ftp://hub' }, 'HUB_URL'],
    [{ HUB_URL: 'https://user:pw@hub.example.org' }, 'HUB_URL'],
    [{ NODE_MASTER_SECRET: 'too-short' }, 'NODE_MASTER_SECRET'],
    [{ OUTBOX_BASE_DELAY_MS: '5000', OUTBOX_MAX_DELAY_MS: '1000' }, 'OUTBOX_MAX_DELAY_MS'],
    [{ OUTBOX_POLL_INTERVAL_MS: 'often' }, 'OUTBOX_POLL_INTERVAL_MS'],
    [{ DISCLOSURE_K: '0' }, 'DISCLOSURE_K'],
    [{ AUTH_ISSUER: 'https://idp.example.org' }, 'AUTH_ISSUER'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => NodeConfig.fromEnv({ ...base, ...env })).toThrow(expect.objectContaining({ variable }));
  });

  it('reads the first reporting period, never before the standard floor', () => {
    expect(NodeConfig.fromEnv(base).firstPeriod).toEqual({ kind: 'year', year: 2000 });
    expect(NodeConfig.fromEnv({ ...base, NODE_FIRST_PERIOD: '2024-Q2' }).firstPeriod).toEqual({ kind: 'quarter', year: 2024, quarter: 2 });
    expect(() => NodeConfig.fromEnv({ ...base, NODE_FIRST_PERIOD: '1999' })).toThrow(/NODE_FIRST_PERIOD.*not be before 2000/);
    expect(() => NodeConfig.fromEnv({ ...base, NODE_FIRST_PERIOD: 'soon' })).toThrow(/NODE_FIRST_PERIOD/);
  });

  it('never echoes a master secret it refuses', () => {
    expect(() => NodeConfig.fromEnv({ ...base, NODE_MASTER_SECRET: 'secret-value-!!' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-value') }),
    );
  });

  it('in production requires the node identity and the hub key, and refuses the development token issuer', () => {
    const production = { ...base, NODE_ENV: 'production', AUTH_JWKS_FILE: '/etc/thb/idp.json', AUTH_ISSUER: 'https://idp.example.org' };
    expect(() => NodeConfig.fromEnv({ ...production, NODE_COUNTRY: 'AT', HUB_JWKS_FILE: '/x' })).toThrow(
      expect.objectContaining({ variable: 'NODE_ID' }),
    );
    expect(() => NodeConfig.fromEnv({ ...production, NODE_ID: 'node-at', HUB_JWKS_FILE: '/x' })).toThrow(
      expect.objectContaining({ variable: 'NODE_COUNTRY' }),
    );
    expect(() => NodeConfig.fromEnv({ ...production, NODE_ID: 'node-at', NODE_COUNTRY: 'AT' })).toThrow(
      expect.objectContaining({ variable: 'HUB_JWKS_FILE' }),
    );
    const complete = { ...production, NODE_ID: 'node-at', NODE_COUNTRY: 'AT', HUB_JWKS_FILE: '/x' };
    expect(NodeConfig.fromEnv(complete).auth.mode).toBe('JWKS_FILE');
    expect(() => NodeConfig.fromEnv({ ...complete, AUTH_JWKS_FILE: undefined, AUTH_ISSUER: undefined })).toThrow(
      expect.objectContaining({ variable: 'NODE_ENV' }),
    );
  });

  it('signs console users in at the identity provider only when a client is configured, against AUTH_ISSUER', () => {
    expect(NodeConfig.fromEnv(base).consoleOidc).toBeUndefined();
    const provider = { ...base, AUTH_JWKS_URL: 'https://idp.example.org/certs', AUTH_ISSUER: 'https://idp.example.org/realms/thb' };
    expect(
      NodeConfig.fromEnv({
        ...provider,
        CONSOLE_OIDC_CLIENT_ID: 'thb-node-console',
        CONSOLE_OIDC_CLIENT_SECRET_FILE: '/etc/thb/console-client-secret',
        CONSOLE_PUBLIC_URL: 'https://node.example.org/',
      }).consoleOidc,
    ).toEqual({
      issuer: 'https://idp.example.org/realms/thb',
      clientId: 'thb-node-console',
      clientSecretFile: '/etc/thb/console-client-secret',
      publicUrl: 'https://node.example.org',
    });
    // The development issuer is no identity provider.
    expect(() => NodeConfig.fromEnv({ ...base, CONSOLE_OIDC_CLIENT_ID: 'thb-node-console' })).toThrow(
      expect.objectContaining({ variable: 'CONSOLE_OIDC_CLIENT_ID' }),
    );
    for (const [name, value] of [
      ['AUTH_ISSUER', 'http://idp.example.org'],
      ['CONSOLE_PUBLIC_URL', 'http://node.example.org'],
      ['CONSOLE_PUBLIC_URL', 'https://node.example.org/?next=x'],
    ] as const) {
      expect(() => NodeConfig.fromEnv({ ...provider, CONSOLE_OIDC_CLIENT_ID: 'thb-node-console', [name]: value })).toThrow(
        expect.objectContaining({ variable: name }),
      );
    }
  });
});
