import { ArgsType, Field, Int } from '@nestjs/graphql';
import { defineDomainException } from '#app/common';

/** The largest page any list answers: bigger pages are asked for in several requests. */
export const MAX_PAGE_SIZE = 500;

export enum PageErrorCode {
  /** `first` outside 1 to MAX_PAGE_SIZE, or a negative `offset`. */
  INVALID_LIMIT = 'INVALID_LIMIT',
}

export class PageException extends defineDomainException<PageErrorCode>('PageException', { [PageErrorCode.INVALID_LIMIT]: 'BAD_INPUT' }) {}

export interface Page {
  first: number;
  offset: number;
}

/** Rows to read: the checked page as SQL's LIMIT and OFFSET. */
export interface PageWindow {
  readonly limit: number;
  readonly offset: number;
}

/**
 * The `first`/`offset` arguments of every list, with the list's own default size:
 * `class PersonsArgs extends PageArgs(50) { ... }`.
 */
export function PageArgs(defaultSize: number): abstract new () => Page {
  @ArgsType()
  abstract class PageArgsOfSize implements Page {
    @Field(() => Int, { defaultValue: defaultSize, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
    first!: number;

    @Field(() => Int, { defaultValue: 0, description: 'How many items to skip (zero or more).' })
    offset!: number;
  }
  return PageArgsOfSize;
}

export function pageWindow(page: Page): PageWindow {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new PageException(PageErrorCode.INVALID_LIMIT, `first must be between 1 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  if (!Number.isInteger(page.offset) || page.offset < 0) {
    throw new PageException(PageErrorCode.INVALID_LIMIT, 'offset must be zero or more.', ['offset']);
  }
  return { limit: page.first, offset: page.offset };
}
