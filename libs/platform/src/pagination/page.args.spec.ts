import { describe, expect, it } from '@jest/globals';
import { MAX_PAGE_SIZE, PageErrorCode, PageException, pageWindow } from './page.args.js';

describe('pageWindow', () => {
  it('turns a page into LIMIT and OFFSET', () => {
    expect(pageWindow({ first: 50, offset: 0 })).toEqual({ limit: 50, offset: 0 });
    expect(pageWindow({ first: MAX_PAGE_SIZE, offset: 1000 })).toEqual({ limit: MAX_PAGE_SIZE, offset: 1000 });
  });

  it.each([
    [{ first: 0, offset: 0 }, 'first'],
    [{ first: MAX_PAGE_SIZE + 1, offset: 0 }, 'first'],
    [{ first: 1.5, offset: 0 }, 'first'],
    [{ first: 10, offset: -1 }, 'offset'],
  ])('refuses %p at %s with INVALID_LIMIT', (page, field) => {
    let thrown: unknown;
    try {
      pageWindow(page);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PageException);
    expect(thrown).toMatchObject({ code: PageErrorCode.INVALID_LIMIT, fields: [field], httpStatus: 400 });
  });
});
