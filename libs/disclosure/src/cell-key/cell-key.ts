import sodium from 'libsodium-wrappers';
import { DisclosureErrorCode, DisclosureException } from '../disclosure.exception.js';

// libsodium must finish loading before the first hash; awaiting it here keeps `recordKey` synchronous.
await sodium.ready;

/** Record and cell keys are integers in [0, 2^52): a key k stands for the number k / 2^52 in [0, 1). */
export const CELL_KEY_BITS = 52;
export const CELL_KEY_MODULUS = 1n << 52n;
/** The same modulus as a JS number: sums of two keys stay below 2^53, so number arithmetic on keys is exact. */
export const CELL_KEY_MODULUS_NUMBER = 2 ** 52;

const HASH_BYTES = 16; // libsodium's minimum BLAKE2b output; the first 52 bits are used

/**
 * The record key of a pseudonymised record: keyed BLAKE2b of the pseudonym with the hub's secret, first 52
 * bits (big-endian). Deterministic, so a record keeps its key in every release while it exists.
 */
export function recordKey(pseudonym: string, secret: Uint8Array): bigint {
  if (secret.length < sodium.crypto_generichash_KEYBYTES_MIN || secret.length > sodium.crypto_generichash_KEYBYTES_MAX) {
    throw new DisclosureException(
      DisclosureErrorCode.INVALID_SECRET,
      `The record-key secret must be ${sodium.crypto_generichash_KEYBYTES_MIN} to ${sodium.crypto_generichash_KEYBYTES_MAX} bytes`,
    );
  }
  const digest = sodium.crypto_generichash(HASH_BYTES, sodium.from_string(pseudonym), secret);
  // 24 + 28 bits assembled in number arithmetic (exact below 2^53), then one conversion.
  const high = (digest[0]! << 16) | (digest[1]! << 8) | digest[2]!;
  const low = ((digest[3]! << 24) | (digest[4]! << 16) | (digest[5]! << 8) | digest[6]!) >>> 4;
  return BigInt(high * 2 ** 28 + low);
}

function assertKey(key: bigint): void {
  if (key < 0n || key >= CELL_KEY_MODULUS) {
    throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A record or cell key must be an integer in [0, 2^52)');
  }
}

/** The cell key of a cell: the sum of its records' keys modulo 2^52 (the fractional part of the sum of rk). */
export function cellKeyOf(recordKeys: Iterable<bigint>): bigint {
  let sum = 0n;
  for (const key of recordKeys) {
    assertKey(key);
    sum += key;
  }
  return sum % CELL_KEY_MODULUS;
}

/** Cell key of the union of disjoint record sets: keys add modulo 2^52. */
export function addCellKeys(...keys: readonly bigint[]): bigint {
  return cellKeyOf(keys);
}

/** Cell key once the records of `removed` have left the cell (a revocation). */
export function subtractCellKeys(key: bigint, removed: bigint): bigint {
  assertKey(key);
  assertKey(removed);
  return (key - removed + CELL_KEY_MODULUS) % CELL_KEY_MODULUS;
}

/**
 * A cell key from a SQL aggregate: `sum(record_key)` comes back from PostgreSQL as a decimal string (numeric),
 * possibly not yet reduced; this reduces it modulo 2^52.
 */
export function cellKeyFrom(value: bigint | number | string): bigint {
  let key: bigint;
  try {
    key = BigInt(value);
  } catch {
    throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A cell key must be a non-negative integer');
  }
  if (key < 0n) throw new DisclosureException(DisclosureErrorCode.INVALID_KEY, 'A cell key must be a non-negative integer');
  return key % CELL_KEY_MODULUS;
}

/** The key as the number in [0, 1) it stands for (for display and statistics only, never for lookups). */
export function keyToUnitInterval(key: bigint): number {
  assertKey(key);
  return Number(key) / CELL_KEY_MODULUS_NUMBER;
}
