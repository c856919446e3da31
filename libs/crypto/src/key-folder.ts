// The only module of this library that touches the file system.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CryptoErrorCode, CryptoException } from './crypto.exception.js';
import { SECRET_KEY_BYTES, type MasterSecret } from './secret-key.js';
import { sodium } from './sodium.js';

export const MASTER_KEY_FILE_NAME = 'master.key';

/**
 * File format, one line: `thb-master-secret.v1.<secret, base64url>.<check, base64url>`. The check is an unkeyed
 * 8-byte BLAKE2b of the secret: a flipped bit would otherwise silently give every person a new pseudonym.
 */
const FILE_LABEL = 'thb-master-secret';
const FILE_VERSION = 'v1';
const CHECK_BYTES = 8;
/** Generous bound on a well-formed file (about 80 bytes), so a wrong path never makes us read a huge file. */
const MAX_FILE_BYTES = 1024;

export interface MasterSecretOptions {
  /** The secret as base64url (43 characters, no padding), from the environment. Empty counts as absent. */
  readonly envSecret?: string;
}

export interface LoadedMasterSecret {
  readonly masterSecret: MasterSecret;
  /** True only when this call generated the secret and wrote the key file. */
  readonly created: boolean;
  readonly source: 'environment' | 'file';
}

/**
 * Returns the node's (or hub's) master secret: from the environment when given, else from `<keyDir>/master.key`,
 * creating it on first start (directory 0700, file 0600, written to a temporary file and then linked into place,
 * so a crash or a concurrent start never leaves a partial or overwritten key). Never includes the secret in errors.
 */
export async function loadOrCreateMasterSecret(keyDir: string, options: MasterSecretOptions = {}): Promise<LoadedMasterSecret> {
  const envSecret = options.envSecret?.trim();
  if (envSecret) {
    return { masterSecret: masterSecretFromBase64Url(envSecret), created: false, source: 'environment' };
  }
  const keyPath = join(keyDir, MASTER_KEY_FILE_NAME);
  const existing = await readKeyFileIfPresent(keyPath);
  if (existing !== undefined) {
    return { masterSecret: parseKeyFile(existing, keyPath), created: false, source: 'file' };
  }

  await preparePrivateFolder(keyDir);
  const masterSecret = sodium.crypto_kdf_keygen() as MasterSecret;
  const written = await writeNewFileAtomically(keyPath, encodeKeyFile(masterSecret));
  if (written) {
    return { masterSecret, created: true, source: 'file' };
  }
  // Another process created the file between our read and our write: its secret wins, ours is discarded.
  sodium.memzero(masterSecret);
  const winner = await readKeyFileIfPresent(keyPath);
  if (winner === undefined) {
    throw badKeyFile(keyPath, 'it vanished while being created');
  }
  return { masterSecret: parseKeyFile(winner, keyPath), created: false, source: 'file' };
}

/** Decodes a master secret given as base64url (the environment form). */
export function masterSecretFromBase64Url(encoded: string): MasterSecret {
  const bytes = decodeBase64Url(encoded);
  if (bytes === undefined || bytes.length !== SECRET_KEY_BYTES) {
    throw new CryptoException(
      CryptoErrorCode.BAD_KEY_FILE,
      `The master secret from the environment must be ${SECRET_KEY_BYTES} bytes as base64url without padding ` +
        `(43 characters); it was ${bytes === undefined ? 'not valid base64url' : `${bytes.length} bytes`}.`,
    );
  }
  return bytes as MasterSecret;
}

export function encodeKeyFile(secret: MasterSecret): string {
  const encoded = sodium.to_base64(secret, sodium.base64_variants.URLSAFE_NO_PADDING);
  const check = sodium.to_base64(checkOf(secret), sodium.base64_variants.URLSAFE_NO_PADDING);
  return `${FILE_LABEL}.${FILE_VERSION}.${encoded}.${check}\n`;
}

export function parseKeyFile(content: Uint8Array, keyPath: string): MasterSecret {
  if (content.length > MAX_FILE_BYTES) {
    throw badKeyFile(keyPath, `it is ${content.length} bytes, far more than a key file`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content).replace(/\r?\n$/, '');
  const parts = text.split('.');
  if (parts.length !== 4 || parts[0] !== FILE_LABEL) {
    throw badKeyFile(keyPath, `it is not a ${FILE_LABEL} file`);
  }
  const [, version, encodedSecret, encodedCheck] = parts;
  if (version !== FILE_VERSION) {
    throw badKeyFile(keyPath, `its format version is not ${FILE_VERSION}`);
  }
  const secret = decodeBase64Url(encodedSecret);
  if (secret === undefined) {
    throw badKeyFile(keyPath, 'the secret is not valid base64url');
  }
  if (secret.length !== SECRET_KEY_BYTES) {
    throw badKeyFile(keyPath, `the secret is ${secret.length} bytes instead of ${SECRET_KEY_BYTES}`);
  }
  const check = decodeBase64Url(encodedCheck);
  if (check === undefined || check.length !== CHECK_BYTES || !sodium.memcmp(check, checkOf(secret))) {
    throw badKeyFile(keyPath, 'its checksum does not match (the file is corrupt)');
  }
  return secret as MasterSecret;
}

function checkOf(secret: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(CHECK_BYTES, secret, null);
}

function decodeBase64Url(encoded: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) {
    return undefined;
  }
  try {
    return sodium.from_base64(encoded, sodium.base64_variants.URLSAFE_NO_PADDING);
  } catch {
    return undefined;
  }
}

async function readKeyFileIfPresent(keyPath: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(keyPath);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') {
      return undefined;
    }
    throw badKeyFile(keyPath, `it cannot be read (${code ?? 'unknown error'})`);
  }
}

/** Writes `content` to `target` only if `target` does not exist yet; false when it does. */
async function writeNewFileAtomically(target: string, content: string): Promise<boolean> {
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() fails if the target exists, where rename() would silently replace a key another process just made.
    await link(temporary, target);
    await syncFolder(dirname(target));
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') {
      return false;
    }
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      // File systems without hard links: rename is still atomic, only the concurrent-start guard is lost.
      await rename(temporary, target);
      await syncFolder(dirname(target));
      return true;
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function preparePrivateFolder(keyDir: string): Promise<void> {
  try {
    await mkdir(keyDir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask and ignored for a folder that already exists.
    await chmod(keyDir, 0o700);
  } catch (error) {
    throw new CryptoException(
      CryptoErrorCode.BAD_KEY_FILE,
      `The key folder cannot be prepared (${errnoCode(error) ?? 'unknown error'}).`,
      [],
      { keyDir },
    );
  }
}

/** Makes the new directory entry durable: losing the key after a crash would orphan every sealed identity. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or sync a folder; the file itself was already synced.
  }
}

/** Duck-typed: errors from Node's fs are not always `instanceof Error` across realms (jest's VM contexts). */
function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function badKeyFile(keyPath: string, reason: string): CryptoException {
  return new CryptoException(CryptoErrorCode.BAD_KEY_FILE, `Refusing the master key file ${keyPath}: ${reason}.`, [], {
    keyPath,
  });
}
