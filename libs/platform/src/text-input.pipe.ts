import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestInputErrorCode, RequestInputException } from './request-input.exception.js';

/** Characters no text input may contain, checked cheaply before the exact test. */
const suspicious = /[\u0000\uD800-\uDFFF]/;
const nul = /\u0000/;
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'NUL' | 'UNPAIRED_SURROGATE';

/** Where in an argument value the first bad string is, and what is wrong with it. */
export interface BadText {
  readonly path: readonly (string | number)[];
  readonly problem: TextProblem;
}

/**
 * Finds the first string in a (coerced) argument value that has a NUL character or an unpaired surrogate. Iterative,
 * with parent links, so that deep or wide values cost linear time; the path is built only for the offender.
 */
export function findBadText(value: unknown): BadText | undefined {
  interface Item {
    readonly value: unknown;
    readonly key: string | number | undefined;
    readonly parent: Item | undefined;
  }
  const pending: Item[] = [{ value, key: undefined, parent: undefined }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const current = item.value;
    if (typeof current === 'string') {
      if (!suspicious.test(current)) continue;
      const problem: TextProblem | undefined = nul.test(current)
        ? 'NUL'
        : unpairedSurrogate.test(current)
          ? 'UNPAIRED_SURROGATE'
          : undefined;
      if (problem !== undefined) return { path: pathOf(item), problem };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) pending.push({ value: current[index], key: index, parent: item });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, element] of Object.entries(current).reverse()) pending.push({ value: element, key, parent: item });
    }
  }
  return undefined;

  function pathOf(item: Item): (string | number)[] {
    const path: (string | number)[] = [];
    for (let at: Item | undefined = item; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  }
}

/** Argument kinds that carry a caller's input: Nest reports GraphQL arguments as `body`, like an HTTP body. */
const inputKinds = new Set(['body', 'query', 'param']);

/**
 * A global pipe: every text argument must be Unicode text without NUL. PostgreSQL refuses NUL in text (the request
 * would fail as an internal error) and the driver would turn an unpaired surrogate into U+FFFD (the stored value would
 * silently differ from the one sent).
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!inputKinds.has(metadata.type)) return value;
    const bad = findBadText(value);
    if (bad === undefined) return value;
    const field = [metadata.data, ...bad.path].filter((part) => part !== undefined && part !== '').join('.');
    const reason = bad.problem === 'NUL' ? 'a NUL character' : 'an unpaired surrogate, which is not Unicode text';
    throw new RequestInputException(
      RequestInputErrorCode.INVALID_CHARACTER,
      `The text of ${field || 'an argument'} contains ${reason}.`,
      field ? [field] : [],
    );
  }
}
