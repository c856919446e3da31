/**
 * ISO/IEC 7816-4 padding (0x80, then zeros) up to the next multiple of `blockBytes`, always adding at least one byte:
 * the scheme of libsodium's sodium_pad. Done here because the wrapper's byte-by-byte copy into WebAssembly cost
 * about 4 us per identity sealed.
 */
export function padToBlock(data: Uint8Array, blockBytes: number): Uint8Array {
  const padded = new Uint8Array((Math.floor(data.length / blockBytes) + 1) * blockBytes);
  padded.set(data);
  padded[data.length] = 0x80;
  return padded;
}

/** The data before the padding (a view into `padded`), or undefined when the padding is not well formed. */
export function unpadFromBlock(padded: Uint8Array, blockBytes: number): Uint8Array | undefined {
  if (padded.length === 0 || padded.length % blockBytes !== 0) {
    return undefined;
  }
  let marker = padded.length - 1;
  while (marker > 0 && padded[marker] === 0) {
    marker -= 1;
  }
  if (padded[marker] !== 0x80 || padded.length - marker > blockBytes) {
    return undefined;
  }
  return padded.subarray(0, marker);
}
