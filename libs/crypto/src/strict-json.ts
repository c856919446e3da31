import { CryptoErrorCode, CryptoException } from './crypto.exception.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

interface ObjectFrame {
  readonly keys: Set<string>;
  expectingKey: boolean;
}

/**
 * The first key that occurs twice in one object of `json`, or undefined. JSON.parse keeps the last of duplicates,
 * while other parsers keep the first, so a signed payload with duplicates could mean different things to different
 * readers. Keys are compared after unescaping (`"a"` and `"\u0061"` are the same key).
 * Expects syntactically valid JSON (run JSON.parse first); it only tracks strings, braces, brackets, commas and colons.
 */
export function findDuplicateKey(json: string): string | undefined {
  // One entry per open object or array; arrays are `undefined` since their strings are never keys.
  const stack: (ObjectFrame | undefined)[] = [];
  let index = 0;
  while (index < json.length) {
    const code = json.charCodeAt(index);
    if (code === QUOTE) {
      const end = endOfString(json, index);
      const frame = stack[stack.length - 1];
      if (frame?.expectingKey) {
        const raw = json.slice(index + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(json.slice(index, end + 1)) as string) : raw;
        if (frame.keys.has(key)) {
          return key;
        }
        frame.keys.add(key);
        frame.expectingKey = false;
      }
      index = end + 1;
      continue;
    }
    if (code === OPEN_BRACE) {
      stack.push({ keys: new Set(), expectingKey: true });
    } else if (code === OPEN_BRACKET) {
      stack.push(undefined);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      stack.pop();
    } else if (code === COMMA) {
      const frame = stack[stack.length - 1];
      if (frame) {
        frame.expectingKey = true;
      }
    } else if (code === COLON) {
      const frame = stack[stack.length - 1];
      if (frame) {
        frame.expectingKey = false;
      }
    }
    index += 1;
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`. */
function endOfString(json: string, start: number): number {
  let index = start + 1;
  while (index < json.length) {
    const code = json.charCodeAt(index);
    if (code === BACKSLASH) {
      index += 2;
    } else if (code === QUOTE) {
      return index;
    } else {
      index += 1;
    }
  }
  return json.length;
}

/**
 * Parses text that must be one JSON object without duplicate keys. `what` names the part ("payload", "header") in
 * the error; the content itself never appears in it.
 */
export function parseStrictJsonObject(text: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CryptoException(CryptoErrorCode.MALFORMED, `The ${what} is not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CryptoException(CryptoErrorCode.MALFORMED, `The ${what} is not a JSON object.`);
  }
  if (findDuplicateKey(text) !== undefined) {
    throw new CryptoException(CryptoErrorCode.MALFORMED, `The ${what} repeats a key in one object.`);
  }
  return parsed as Record<string, unknown>;
}
