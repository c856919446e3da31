import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { deriveNodeKeys } from './key-derivation.js';
import { loadOrCreateMasterSecret } from './key-folder.js';
import { DEFAULT_NODE_KEY_DIR, UsageError, nodePublicKey, parseNodePublicKeyArguments } from './node-public-key.js';
import { secretKeyFromBytes } from './secret-key.js';
import { signingKeyToJwk } from './signing-jwk.js';
import { sodium } from './sodium.js';

describe('parseNodePublicKeyArguments', () => {
  it('defaults to the node key folder', () => {
    expect(parseNodePublicKeyArguments([], {})).toEqual({ keyDir: DEFAULT_NODE_KEY_DIR });
    expect(DEFAULT_NODE_KEY_DIR).toBe('.data/node/keys');
  });

  it('takes KEY_DIR from the environment and --key-dir over it', () => {
    expect(parseNodePublicKeyArguments([], { KEY_DIR: '/srv/keys' })).toEqual({ keyDir: '/srv/keys' });
    expect(parseNodePublicKeyArguments(['--key-dir', 'here'], { KEY_DIR: '/srv/keys' })).toEqual({ keyDir: 'here' });
    expect(parseNodePublicKeyArguments(['--key-dir=there'], {})).toEqual({ keyDir: 'there' });
  });

  it('passes a master secret from NODE_MASTER_SECRET through', () => {
    expect(parseNodePublicKeyArguments([], { NODE_MASTER_SECRET: 'abc' })).toEqual({ keyDir: DEFAULT_NODE_KEY_DIR, envSecret: 'abc' });
    expect(parseNodePublicKeyArguments([], { NODE_MASTER_SECRET: '' })).toEqual({ keyDir: DEFAULT_NODE_KEY_DIR });
  });

  it.each([[['--key-dir']], [['--key-dir', '--other']], [['--key-dir=']], [['--verbose']], [['keys']]])(
    'refuses %j with the usage',
    (argv) => {
      expect(() => parseNodePublicKeyArguments(argv, {})).toThrow(UsageError);
      expect(() => parseNodePublicKeyArguments(argv, {})).toThrow(/usage: node-public-key/);
    },
  );
});

describe('nodePublicKey', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'thb-node-public-key-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates the master secret on first use and then prints the same key', async () => {
    const keyDir = join(root, 'keys');
    const first = await nodePublicKey({ keyDir });
    expect(first.created).toBe(true);
    const second = await nodePublicKey({ keyDir });
    expect(second).toEqual({ publicJwk: first.publicJwk, created: false });
    expect(Object.keys(first.publicJwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  });

  it('is the public half of the signing key the node derives from its master secret', async () => {
    const keyDir = join(root, 'keys');
    const { publicJwk } = await nodePublicKey({ keyDir });
    const { masterSecret } = await loadOrCreateMasterSecret(keyDir);
    const jwks = await signingKeyToJwk(deriveNodeKeys(masterSecret).signing);
    expect(publicJwk).toEqual(jwks.public);

    const privateKey = await importJWK(jwks.private, 'EdDSA');
    const signed = await new CompactSign(Buffer.from('{}')).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
    await expect(compactVerify(signed, await importJWK(publicJwk, 'EdDSA'))).resolves.toBeDefined();
  });

  it('uses a master secret from the environment without creating a file', async () => {
    const keyDir = join(root, 'keys');
    const secret = sodium.crypto_kdf_keygen();
    const envSecret = Buffer.from(secret).toString('base64url');
    const { publicJwk, created } = await nodePublicKey({ keyDir, envSecret });
    expect(created).toBe(false);
    const expected = await signingKeyToJwk(deriveNodeKeys(secretKeyFromBytes('master', secret)).signing);
    expect(publicJwk).toEqual(expected.public);
    await expect(readdir(keyDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
