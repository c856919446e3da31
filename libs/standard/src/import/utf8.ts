/**
 * Offset of the first byte that starts an invalid UTF-8 sequence in `bytes`, or -1 when all of it is valid (a
 * sequence cut off by the end counts as invalid only when `final`). Used to say exactly where a file stops being
 * UTF-8 after TextDecoder, which only says that it does, has refused it.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array, final: boolean): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return index;
    if (index + length > bytes.length) {
      // Only a prefix is present: invalid if the prefix is already wrong, or if nothing more can come.
      if (!validPrefix(bytes, index, bytes.length - index) || final) return index;
      return -1;
    }
    if (!validPrefix(bytes, index, length)) return index;
    index += length;
  }
  return -1;
}

function sequenceLength(lead: number): number {
  if (lead <= 0x7f) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// Continuation bytes, with the tighter second-byte ranges that exclude overlong forms, surrogates and code points
// above U+10FFFF (Unicode table 3-7).
function validPrefix(bytes: Uint8Array, start: number, count: number): boolean {
  const lead = bytes[start] ?? 0;
  for (let offset = 1; offset < count; offset += 1) {
    const byte = bytes[start + offset] ?? 0;
    let low = 0x80;
    let high = 0xbf;
    if (offset === 1) {
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
      else if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    }
    if (byte < low || byte > high) return false;
  }
  return true;
}
