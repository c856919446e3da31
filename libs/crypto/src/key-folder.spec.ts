import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import { MASTER_KEY_FILE_NAME, encodeKeyFile, loadOrCreateMasterSecret } from './key-folder.js';
import { secretKeyFromBytes } from './secret-key.js';
import { sodium } from './sodium.js';

const isPosix = process.platform !== 'win32';

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

async function expectBadKeyFile(promise: Promise<unknown>, reason: RegExp): Promise<CryptoException> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CryptoException);
  const exception = error as CryptoException;
  expect(exception.code).toBe(CryptoErrorCode.BAD_KEY_FILE);
  expect(exception.message).toMatch(reason);
  return exception;
}

describe('loadOrCreateMasterSecret', () => {
  let root: string;
  let keyDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'thb-crypto-keys-'));
    keyDir = join(root, 'node', 'keys');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a 32-byte secret on first start and returns the same one afterwards', async () => {
    const first = await loadOrCreateMasterSecret(keyDir);
    expect(first.created).toBe(true);
    expect(first.source).toBe('file');
    expect(first.masterSecret).toHaveLength(32);

    const second = await loadOrCreateMasterSecret(keyDir);
    expect(second.created).toBe(false);
    expect(second.source).toBe('file');
    expect(Buffer.from(second.masterSecret).equals(Buffer.from(first.masterSecret))).toBe(true);
  });

  it('writes the key file 0600 in a 0700 folder and leaves no temporary file', async () => {
    await loadOrCreateMasterSecret(keyDir);
    expect(await readdir(keyDir)).toEqual([MASTER_KEY_FILE_NAME]);
    if (isPosix) {
      expect((await stat(keyDir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(keyDir, MASTER_KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    }
  });

  it('stores the secret in a labelled, checksummed line', async () => {
    const { masterSecret } = await loadOrCreateMasterSecret(keyDir);
    const content = await readFile(join(keyDir, MASTER_KEY_FILE_NAME), 'utf8');
    expect(content).toMatch(/^thb-master-secret\.v1\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{11}\n$/);
    expect(content.split('.')[2]).toBe(toBase64Url(masterSecret));
  });

  it('tightens a pre-existing key folder to 0700 when it creates the secret', async () => {
    if (!isPosix) {
      return;
    }
    const { mkdir } = await import('node:fs/promises');
    await mkdir(keyDir, { recursive: true, mode: 0o755 });
    await loadOrCreateMasterSecret(keyDir);
    expect((await stat(keyDir)).mode & 0o777).toBe(0o700);
  });

  it('lets exactly one of several concurrent first starts create the secret, and all agree on it', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateMasterSecret(keyDir)));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const fromFile = await loadOrCreateMasterSecret(keyDir);
    for (const result of results) {
      expect(toBase64Url(result.masterSecret)).toBe(toBase64Url(fromFile.masterSecret));
    }
    expect(await readdir(keyDir)).toEqual([MASTER_KEY_FILE_NAME]);
  });

  it('takes the secret from the environment without touching the folder', async () => {
    const secret = sodium.crypto_kdf_keygen();
    const loaded = await loadOrCreateMasterSecret(keyDir, { envSecret: `${toBase64Url(secret)}\n` });
    expect(loaded).toMatchObject({ created: false, source: 'environment' });
    expect(toBase64Url(loaded.masterSecret)).toBe(toBase64Url(secret));
    await expect(stat(keyDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('treats an empty environment secret as absent', async () => {
    const loaded = await loadOrCreateMasterSecret(keyDir, { envSecret: '' });
    expect(loaded).toMatchObject({ created: true, source: 'file' });
  });

  it('refuses an environment secret of the wrong length or alphabet without echoing it', async () => {
    const short = toBase64Url(sodium.randombytes_buf(31));
    const exception = await expectBadKeyFile(loadOrCreateMasterSecret(keyDir, { envSecret: short }), /31 bytes/);
    expect(exception.message).not.toContain(short);
    const padded = Buffer.from(sodium.crypto_kdf_keygen()).toString('base64');
    await expectBadKeyFile(loadOrCreateMasterSecret(keyDir, { envSecret: `${padded}+/` }), /not valid base64url/);
  });

  describe('refuses a damaged key file', () => {
    const secret = secretKeyFromBytes(
      'master',
      Uint8Array.from({ length: 32 }, (_, index) => index * 7),
    );
    const good = encodeKeyFile(secret);
    const encodedSecret = good.split('.')[2] as string;

    async function writeKeyFile(content: string | Uint8Array): Promise<void> {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(keyDir, { recursive: true });
      await writeFile(join(keyDir, MASTER_KEY_FILE_NAME), content);
    }

    it('accepts the intact file, with or without its final newline', async () => {
      await writeKeyFile(good.trimEnd());
      const loaded = await loadOrCreateMasterSecret(keyDir);
      expect(toBase64Url(loaded.masterSecret)).toBe(toBase64Url(secret));
    });

    it('refuses raw bytes of the wrong length', async () => {
      await writeKeyFile(sodium.randombytes_buf(31));
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /not a thb-master-secret file/);
    });

    it('refuses an empty file', async () => {
      await writeKeyFile('');
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /not a thb-master-secret file/);
    });

    it('refuses a secret of the wrong length', async () => {
      await writeKeyFile(good.replace(encodedSecret, encodedSecret.slice(0, 40)));
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /30 bytes instead of 32/);
    });

    it('refuses a flipped character (checksum) without printing the secret', async () => {
      const flipped = encodedSecret.startsWith('A') ? `B${encodedSecret.slice(1)}` : `A${encodedSecret.slice(1)}`;
      await writeKeyFile(good.replace(encodedSecret, flipped));
      const exception = await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /checksum does not match/);
      expect(exception.message).not.toContain(flipped);
      expect(JSON.stringify(exception.details)).not.toContain(flipped);
    });

    it('refuses characters outside base64url', async () => {
      await writeKeyFile(good.replace(encodedSecret, `${encodedSecret.slice(0, 42)}=`));
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /not valid base64url/);
    });

    it('refuses an unknown format version', async () => {
      await writeKeyFile(good.replace('.v1.', '.v2.'));
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /format version/);
    });

    it('refuses an oversized file', async () => {
      await writeKeyFile('x'.repeat(5000));
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /5000 bytes/);
    });

    it('refuses a folder in place of the file', async () => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(keyDir, MASTER_KEY_FILE_NAME), { recursive: true });
      await expectBadKeyFile(loadOrCreateMasterSecret(keyDir), /cannot be read \(EISDIR\)/);
    });

    it('refuses a key folder that is a file', async () => {
      await writeFile(join(root, 'not-a-folder'), 'x');
      await expectBadKeyFile(loadOrCreateMasterSecret(join(root, 'not-a-folder')), /cannot be/);
    });
  });
});
